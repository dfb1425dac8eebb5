package dev.referral.core.spi;

import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Leads, with the identity keys of their prospects (normalised email, phone, hashed signals). A
 * lead in an open state or {@link LeadStatus#CONVERTED} <em>holds</em> its prospect: no other lead
 * holding one of the same keys may exist.
 */
public interface LeadRepository {

  /** Whether a lead in {@code status} holds its prospect's identity keys. */
  static boolean holdsProspect(LeadStatus status) {
    Objects.requireNonNull(status, "status");
    return status.isOpen() || status == LeadStatus.CONVERTED;
  }

  /**
   * Saves a new lead with its prospect's identity keys.
   *
   * @throws DuplicateKeyException if the id exists, or if the lead holds its prospect and another
   *     lead holding one of {@code identityKeys} exists
   */
  void insert(Lead lead, Set<String> identityKeys);

  /**
   * Replaces a lead with a newer version ({@code stored version + 1}). A lead that stops holding
   * its prospect (lost, expired) releases its identity keys.
   *
   * @throws StoreConflictException if the stored version is not one lower
   * @throws dev.referral.core.UnknownIdException if the lead does not exist
   */
  void update(Lead lead);

  /** The lead with {@code id}, if any. */
  Optional<Lead> find(LeadId id);

  /** The lead holding one of {@code identityKeys}, if any. */
  Optional<Lead> findHolding(Collection<String> identityKeys);

  /** Leads with any of {@code identityKeys} (holding or not) referred at or after {@code since}. */
  List<Lead> findByIdentity(Collection<String> identityKeys, Instant since);

  /** Leads of {@code referrerId} referred at or after {@code since}, rejected ones included. */
  List<Lead> findByReferrer(ReferrerId referrerId, Instant since);

  /**
   * The same as {@link #findByReferrer}, after locking the referrer's referrals until the
   * transaction ends: two transactions that both count a referrer's recent referrals and then add
   * one (a velocity check) run one after the other, so neither misses the other's referral.
   */
  List<Lead> lockAndFindByReferrer(ReferrerId referrerId, Instant since);

  /** The identity keys stored with lead {@code id}; empty if the lead does not exist. */
  Set<String> identityKeys(LeadId id);

  /** Up to {@code limit} open leads whose attribution window closed at or before {@code now}. */
  List<Lead> findExpired(Instant now, int limit);

  /** How many of {@code referrerId}'s leads converted since each of the instants, and ever. */
  PeriodCounts conversionCounts(ReferrerId referrerId, Instant monthStart, Instant yearStart);
}
