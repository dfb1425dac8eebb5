package dev.referral.core.spi;

import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The durable follow-up schedule (the outbox). Keys are unique. */
public interface FollowUpRepository {

  /**
   * Saves a new follow-up unless one with the same key exists.
   *
   * @return true if saved, false if the key existed (nothing changed)
   * @throws DuplicateKeyException if the id exists under another key
   */
  boolean insert(FollowUp followUp);

  /**
   * Saves a new follow-up unless one with the same key exists, like {@link #insert}, without
   * telling which. A store may defer the write until the transaction next reads follow-ups or
   * commits, and batch it with others; the default inserts at once.
   *
   * @throws DuplicateKeyException if the id exists under another key (from this call, or from the
   *     later read or commit that runs the deferred write)
   */
  default void insertDeferred(FollowUp followUp) {
    Objects.requireNonNull(followUp, "followUp");
    insert(followUp);
  }

  /**
   * Replaces a follow-up with a newer version ({@code stored version + 1}).
   *
   * @throws StoreConflictException if the stored version is not one lower
   * @throws dev.referral.core.UnknownIdException if the follow-up does not exist
   */
  void update(FollowUp followUp);

  /** The follow-up with {@code id}, if any. */
  Optional<FollowUp> find(FollowUpId id);

  /**
   * Atomically claims up to {@code limit} follow-ups that are {@linkplain FollowUp#isClaimable
   * claimable} at {@code now}, earliest due first: each is saved as {@link FollowUp#claim(String,
   * Instant) claimed} by {@code token} until {@code leaseUntil} and returned as saved. Concurrent
   * callers, on any node, never get the same follow-up while its lease runs.
   */
  List<FollowUp> claimDue(Instant now, int limit, String token, Instant leaseUntil);

  /** The PENDING follow-ups about lead {@code leadId}. */
  List<FollowUp> findPendingByLead(LeadId leadId);

  /** The PENDING follow-ups about referrer {@code referrerId}, their leads' included. */
  List<FollowUp> findPendingByReferrer(ReferrerId referrerId);

  /** Every follow-up about lead {@code leadId}, oldest first. */
  List<FollowUp> findByLead(LeadId leadId);

  /** Every follow-up about referrer {@code referrerId}, their leads' included, oldest first. */
  List<FollowUp> findByReferrer(ReferrerId referrerId);

  /** How many follow-ups are in each status; statuses with none are absent. */
  Map<FollowUpStatus, Long> countByStatus();
}
