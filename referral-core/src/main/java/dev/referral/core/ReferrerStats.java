package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * A referrer's track record at the time of a decision. Months and years are calendar periods in the
 * program's time zone. Counts include the change being decided on: on the third conversion, {@link
 * #conversionsLifetime()} is 3.
 *
 * @param conversionsThisMonth leads converted this calendar month
 * @param conversionsThisYear leads converted this calendar year
 * @param conversionsLifetime leads converted ever
 * @param rewardsThisMonth rewards granted to the referrer this month (thank-you notes excepted)
 * @param rewardsThisYear rewards granted to the referrer this year
 * @param rewardsLifetime rewards granted to the referrer ever
 */
public record ReferrerStats(
    long conversionsThisMonth,
    long conversionsThisYear,
    long conversionsLifetime,
    LedgerTotals rewardsThisMonth,
    LedgerTotals rewardsThisYear,
    LedgerTotals rewardsLifetime) {

  /** A referrer with no conversions and no rewards. */
  public static final ReferrerStats ZERO =
      new ReferrerStats(0, 0, 0, LedgerTotals.ZERO, LedgerTotals.ZERO, LedgerTotals.ZERO);

  /** Validates the fields. */
  public ReferrerStats {
    Checks.notNegative(conversionsThisMonth, "conversionsThisMonth");
    Checks.notNegative(conversionsThisYear, "conversionsThisYear");
    Checks.notNegative(conversionsLifetime, "conversionsLifetime");
    Objects.requireNonNull(rewardsThisMonth, "rewardsThisMonth");
    Objects.requireNonNull(rewardsThisYear, "rewardsThisYear");
    Objects.requireNonNull(rewardsLifetime, "rewardsLifetime");
  }

  /** Stats with only conversion counts, for tests. */
  public static ReferrerStats ofConversions(long thisMonth, long thisYear, long lifetime) {
    return new ReferrerStats(
        thisMonth, thisYear, lifetime, LedgerTotals.ZERO, LedgerTotals.ZERO, LedgerTotals.ZERO);
  }
}
