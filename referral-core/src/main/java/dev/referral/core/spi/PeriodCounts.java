package dev.referral.core.spi;

import dev.referral.core.internal.Checks;

/**
 * Counts for this month, this year and ever.
 *
 * @param thisMonth since the start of the month
 * @param thisYear since the start of the year
 * @param lifetime ever
 */
public record PeriodCounts(long thisMonth, long thisYear, long lifetime) {

  /** Validates the counts. */
  public PeriodCounts {
    Checks.notNegative(thisMonth, "thisMonth");
    Checks.notNegative(thisYear, "thisYear");
    Checks.notNegative(lifetime, "lifetime");
  }
}
