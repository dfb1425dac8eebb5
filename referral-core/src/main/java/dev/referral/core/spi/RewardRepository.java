package dev.referral.core.spi;

import dev.referral.core.LeadId;
import dev.referral.core.LedgerTotals;
import dev.referral.core.OrderId;
import dev.referral.core.ReferrerId;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reward ledger. Idempotency keys are unique: a second grant with the same key is refused.
 * Totals count rewards by their grant time; see {@link Reward#countsTowardReferrerLimits()} and
 * {@link Reward#countsTowardBudget()} for which rewards count.
 */
public interface RewardRepository {

  /**
   * Saves a new reward.
   *
   * @throws DuplicateKeyException if the id or the idempotency key exists
   */
  void insert(Reward reward);

  /**
   * Replaces a reward with a newer version ({@code stored version + 1}).
   *
   * @throws StoreConflictException if the stored version is not one lower
   * @throws dev.referral.core.UnknownIdException if the reward does not exist
   */
  void update(Reward reward);

  /** The reward with {@code id}, if any. */
  Optional<Reward> find(RewardId id);

  /** The reward with {@code idempotencyKey}, if any. */
  Optional<Reward> findByKey(String idempotencyKey);

  /** The rewards caused by order {@code orderId}, oldest first. */
  List<Reward> findByOrder(OrderId orderId);

  /** The rewards caused by lead {@code leadId}, oldest first. */
  List<Reward> findByLead(LeadId leadId);

  /** The rewards of referrer {@code referrerId}'s referrals, oldest first. */
  List<Reward> findByReferrer(ReferrerId referrerId);

  /** Up to {@code limit} PENDING rewards that may be issued at {@code now}. */
  List<Reward> findReleasable(Instant now, int limit);

  /** Up to {@code limit} ISSUED rewards whose expiry is at or before {@code now}. */
  List<Reward> findExpiring(Instant now, int limit);

  /** The referrer's ledger totals, without locking. */
  PeriodTotals referrerTotals(ReferrerId referrerId, Instant monthStart, Instant yearStart);

  /**
   * The referrer's ledger totals, locking the referrer's ledger until the transaction ends: no
   * other transaction can lock it, and so grant to this referrer, in between.
   */
  PeriodTotals lockReferrerTotals(ReferrerId referrerId, Instant monthStart, Instant yearStart);

  /**
   * The program's totals (every reward that counts towards the budget), locking the program ledger
   * until the transaction ends.
   */
  LedgerTotals lockProgramTotals();
}
