package dev.referral.core.spi;

/**
 * The repositories of one store transaction. Valid only inside the {@code work} given to {@link
 * ReferralStore#inTransaction}; not to be shared with other threads.
 */
public interface StoreTransaction {

  /** Referrers and their codes. */
  ReferrerRepository referrers();

  /** Leads and the prospects they hold. */
  LeadRepository leads();

  /** Orders of referred customers and their refunds. */
  OrderRepository orders();

  /** The reward ledger. */
  RewardRepository rewards();

  /** The durable follow-up schedule (the outbox). */
  FollowUpRepository followUps();

  /** The append-only event log. */
  EventLog events();

  /** Policy failures waiting to be retried. */
  DecisionFailureRepository decisionFailures();
}
