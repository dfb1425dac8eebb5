package dev.referral.core.spi;

import dev.referral.core.LedgerTotals;
import java.util.Objects;

/**
 * Ledger totals for this month, this year and ever.
 *
 * @param thisMonth granted since the start of the month
 * @param thisYear granted since the start of the year
 * @param lifetime granted ever
 */
public record PeriodTotals(LedgerTotals thisMonth, LedgerTotals thisYear, LedgerTotals lifetime) {

  /** Nothing granted. */
  public static final PeriodTotals ZERO =
      new PeriodTotals(LedgerTotals.ZERO, LedgerTotals.ZERO, LedgerTotals.ZERO);

  /** Validates the fields. */
  public PeriodTotals {
    Objects.requireNonNull(thisMonth, "thisMonth");
    Objects.requireNonNull(thisYear, "thisYear");
    Objects.requireNonNull(lifetime, "lifetime");
  }
}
