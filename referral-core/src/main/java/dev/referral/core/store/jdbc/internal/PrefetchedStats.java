package dev.referral.core.store.jdbc.internal;

import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.internal.TotalsAccumulator;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A referrer's conversion counts and reward totals for one pair of period starts, read along with a
 * lead and kept up to date with the transaction's own writes since (a lead converting, a reward
 * granted), so that the statistics reads that follow need no round trip. Not thread-safe.
 */
final class PrefetchedStats {

  final ReferrerId referrerId;
  final StatsPeriods.Starts starts;
  private final boolean hasConversions;
  private final boolean hasRewards;
  private long monthConversions;
  private long yearConversions;
  private long lifetimeConversions;
  private final TotalsAccumulator month = new TotalsAccumulator();
  private final TotalsAccumulator year = new TotalsAccumulator();
  private final TotalsAccumulator lifetime = new TotalsAccumulator();

  PrefetchedStats(
      ReferrerId referrerId,
      StatsPeriods.Starts starts,
      boolean hasConversions,
      boolean hasRewards) {
    this.referrerId = referrerId;
    this.starts = starts;
    this.hasConversions = hasConversions;
    this.hasRewards = hasRewards;
  }

  /** Whether these hold the conversion counts of {@code id} for the given period starts. */
  boolean hasConversions(ReferrerId id, Instant monthStart, Instant yearStart) {
    return hasConversions && matches(id, monthStart, yearStart);
  }

  /** Whether these hold the reward totals of {@code id} for the given period starts. */
  boolean hasRewards(ReferrerId id, Instant monthStart, Instant yearStart) {
    return hasRewards && matches(id, monthStart, yearStart);
  }

  private boolean matches(ReferrerId id, Instant monthStart, Instant yearStart) {
    return referrerId.equals(id)
        && starts.monthStart().equals(monthStart)
        && starts.yearStart().equals(yearStart);
  }

  /** Sets the conversion counts as read from a row {@code "month,year,lifetime"}. */
  void readConversions(String row) {
    String[] f = row.split(",", -1);
    monthConversions = Long.parseLong(f[0].strip());
    yearConversions = Long.parseLong(f[1].strip());
    lifetimeConversions = Long.parseLong(f[2].strip());
  }

  /**
   * Adds the reward totals of one currency as read from a row {@code
   * "currency,monthCount,monthAmount,yearCount,yearAmount,count,amount"} (no currency: rewards
   * without a value).
   */
  void readRewards(String row) {
    String[] f = row.split(",", -1);
    String currency = f[0].strip();
    @Nullable String code = currency.isEmpty() ? null : currency;
    add(month, code, Long.parseLong(f[1].strip()), new BigDecimal(f[2].strip()));
    add(year, code, Long.parseLong(f[3].strip()), new BigDecimal(f[4].strip()));
    add(lifetime, code, Long.parseLong(f[5].strip()), new BigDecimal(f[6].strip()));
  }

  /** Adds {@code n} rewards worth {@code amount} in {@code currency} (null: without value). */
  static void add(
      TotalsAccumulator totals, @Nullable String currency, long n, @Nullable BigDecimal amount) {
    if (currency != null && n > 0 && amount != null) {
      totals.add(n, Money.of(amount, Currency.getInstance(currency)));
    } else {
      totals.addCount(n);
    }
  }

  /** A conversion of the referrer's lead moved from {@code before} to {@code after}. */
  void conversionMoved(Optional<Instant> before, Optional<Instant> after) {
    before.ifPresent(at -> countConversion(at, -1));
    after.ifPresent(at -> countConversion(at, 1));
  }

  private void countConversion(Instant at, long n) {
    lifetimeConversions += n;
    if (!at.isBefore(starts.yearStart())) {
      yearConversions += n;
    }
    if (!at.isBefore(starts.monthStart())) {
      monthConversions += n;
    }
  }

  /** A reward of the referrer that counts towards its limits was granted at {@code at}. */
  void rewardGranted(Instant at, Optional<Money> value) {
    rewardIn(lifetime, value);
    if (!at.isBefore(starts.yearStart())) {
      rewardIn(year, value);
    }
    if (!at.isBefore(starts.monthStart())) {
      rewardIn(month, value);
    }
  }

  private static void rewardIn(TotalsAccumulator totals, Optional<Money> value) {
    if (value.isPresent()) {
      totals.add(1, value.get());
    } else {
      totals.addCount(1);
    }
  }

  PeriodCounts conversions() {
    return new PeriodCounts(monthConversions, yearConversions, lifetimeConversions);
  }

  PeriodTotals rewards() {
    return new PeriodTotals(month.toTotals(), year.toTotals(), lifetime.toTotals());
  }
}
