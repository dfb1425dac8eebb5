package dev.referral.core.spi;

import java.util.function.Function;

/**
 * Where a referral program keeps its state: referrers, leads, orders, rewards, the follow-up
 * schedule, the event log and recorded decision failures. Shipped: {@code InMemoryReferralStore}
 * (the embedded default) and {@code JdbcReferralStore} (PostgreSQL, H2).
 *
 * <p>Contract, checked by the {@code ReferralStoreContract} test suite:
 *
 * <ul>
 *   <li>{@link #inTransaction} runs {@code work} atomically: when it returns, every write commits;
 *       when it throws, no write is visible to anyone and the exception propagates unchanged.
 *   <li>Reads inside a transaction see that transaction's writes; no transaction sees another's
 *       uncommitted writes.
 *   <li>A call to {@code inTransaction} inside {@code work} on the same thread joins the outer
 *       transaction.
 *   <li>Every update carries the new version of the value ({@code stored version + 1}); a mismatch
 *       throws {@link StoreConflictException} (the program retries the command).
 *   <li>The locking reads ({@link RewardRepository#lockReferrerTotals}, {@link
 *       RewardRepository#lockProgramTotals}) hold until the transaction ends, so two transactions
 *       on any number of nodes cannot both pass the same limit.
 *   <li>{@link FollowUpRepository#claimDue} is atomic: two concurrent callers never get the same
 *       follow-up while its claim's lease runs.
 * </ul>
 *
 * Implementations must be thread-safe.
 */
public interface ReferralStore {

  /**
   * Runs {@code work} in one transaction and returns its result.
   *
   * @throws StoreConflictException when a concurrent transaction won a race; retrying may succeed
   * @throws StoreException when the store fails; nothing was written
   */
  <T> T inTransaction(Function<StoreTransaction, T> work);
}
