package dev.referral.core.internal;

import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adds up ledger entries (a count and their value per currency) into {@link LedgerTotals}; shared
 * by the stores that total rewards. Not thread-safe: one per computation.
 */
public final class TotalsAccumulator {
  private long count;
  private final Map<Currency, Money> amounts = new HashMap<>(2);

  /** An empty accumulator. */
  public TotalsAccumulator() {}

  /** Adds {@code entries} entries that have no value. */
  public void addCount(long entries) {
    count += entries;
  }

  /** Adds {@code entries} entries worth {@code amount} together. */
  public void add(long entries, Money amount) {
    Objects.requireNonNull(amount, "amount");
    count += entries;
    amounts.merge(amount.currency(), amount, Money::plus);
  }

  /** The totals added so far. */
  public LedgerTotals toTotals() {
    return count == 0 ? LedgerTotals.ZERO : new LedgerTotals(count, amounts);
  }
}
