package dev.referral.core.store.memory;

import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.Reward;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One referrer's running statistics: their conversions and the rewards that count towards their
 * limits, totalled ever and since the last month and year starts asked for. Reading the statistics
 * for the same period starts again costs nothing; a new period (a new month) totals the referrer's
 * history once. Every change is a delta that {@link #reverse} takes back, for the undo log.
 *
 * <p>Not thread-safe: used under the store's lock.
 */
final class ReferrerLedger implements UndoLog.Reversible {

  /** The conversion times, in the order recorded. */
  private final List<Instant> conversions = new ArrayList<>();

  private @Nullable Instant countsMonth;
  private @Nullable Instant countsYear;
  private long conversionsThisMonth;
  private long conversionsThisYear;

  private final RunningTotals lifetime = new RunningTotals();
  private final RunningTotals thisMonth = new RunningTotals();
  private final RunningTotals thisYear = new RunningTotals();
  private @Nullable Instant totalsMonth;
  private @Nullable Instant totalsYear;
  private @Nullable PeriodTotals totals;

  /** A referrer without conversions or rewards. */
  ReferrerLedger() {}

  /** Records a conversion at {@code at}; undo with {@link #reverse}. */
  void addConversion(Instant at) {
    Objects.requireNonNull(at, "at");
    conversions.add(at);
    countConversion(at, 1);
  }

  private void countConversion(Instant at, int sign) {
    if (countsMonth != null && !at.isBefore(countsMonth)) {
      conversionsThisMonth += sign;
    }
    if (countsYear != null && !at.isBefore(countsYear)) {
      conversionsThisYear += sign;
    }
  }

  /** How many conversions since each instant, and ever. */
  PeriodCounts conversionCounts(Instant monthStart, Instant yearStart) {
    if (!monthStart.equals(countsMonth) || !yearStart.equals(countsYear)) {
      long month = 0;
      long year = 0;
      for (Instant at : conversions) {
        month += at.isBefore(monthStart) ? 0 : 1;
        year += at.isBefore(yearStart) ? 0 : 1;
      }
      countsMonth = monthStart;
      countsYear = yearStart;
      conversionsThisMonth = month;
      conversionsThisYear = year;
    }
    return new PeriodCounts(conversionsThisMonth, conversionsThisYear, conversions.size());
  }

  /** Adds a reward that counts towards the referrer's limits; undo with {@link #reverse}. */
  void addReward(Reward reward) {
    countReward(reward, 1);
  }

  /** Takes out a reward that counted towards the referrer's limits; undo with {@link #reverse}. */
  void removeReward(Reward reward) {
    countReward(reward, -1);
  }

  private void countReward(Reward reward, int sign) {
    totals = null;
    lifetime.add(reward, sign);
    if (totalsMonth != null && !reward.grantedAt().isBefore(totalsMonth)) {
      thisMonth.add(reward, sign);
    }
    if (totalsYear != null && !reward.grantedAt().isBefore(totalsYear)) {
      thisYear.add(reward, sign);
    }
  }

  /**
   * The totals of the counted rewards since each instant and ever; {@code counted} are the
   * referrer's counted rewards as stored, read only when the period starts differ from the last
   * call's.
   */
  PeriodTotals totals(Instant monthStart, Instant yearStart, Iterable<Reward> counted) {
    if (!monthStart.equals(totalsMonth) || !yearStart.equals(totalsYear)) {
      thisMonth.clear();
      thisYear.clear();
      for (Reward reward : counted) {
        if (!reward.grantedAt().isBefore(monthStart)) {
          thisMonth.add(reward, 1);
        }
        if (!reward.grantedAt().isBefore(yearStart)) {
          thisYear.add(reward, 1);
        }
      }
      totalsMonth = monthStart;
      totalsYear = yearStart;
      totals = null;
    }
    PeriodTotals result = totals;
    if (result == null) {
      result = new PeriodTotals(thisMonth.totals(), thisYear.totals(), lifetime.totals());
      totals = result;
    }
    return result;
  }

  @Override
  public void reverse(Object change, boolean added) {
    if (change instanceof Reward reward) {
      countReward(reward, added ? -1 : 1);
    } else {
      Instant at = (Instant) change;
      Instant last = conversions.remove(conversions.size() - 1);
      if (!last.equals(at)) {
        throw new IllegalStateException("undo out of order: " + last + " is not " + at);
      }
      countConversion(at, -1);
    }
  }

  /** A count and money per currency that go up and down. */
  private static final class RunningTotals {
    private long count;
    private final Map<Currency, Sum> sums = new HashMap<>(2);

    void add(Reward reward, int sign) {
      count += sign;
      if (reward.value().isEmpty()) {
        return;
      }
      Money value = reward.value().get();
      Sum sum = sums.get(value.currency());
      if (sum == null) {
        sum = new Sum(value.currency());
        sums.put(value.currency(), sum);
      }
      sum.entries += sign;
      sum.amount = sign > 0 ? sum.amount.plus(value) : sum.amount.minus(value);
      if (sum.entries == 0) {
        sums.remove(value.currency());
      }
    }

    void clear() {
      count = 0;
      sums.clear();
    }

    LedgerTotals totals() {
      if (count == 0) {
        return LedgerTotals.ZERO;
      }
      Map<Currency, Money> amounts = new HashMap<>(sums.size() * 2);
      sums.forEach((currency, sum) -> amounts.put(currency, sum.amount));
      return new LedgerTotals(count, amounts);
    }
  }

  /** The money of the entries in one currency. */
  private static final class Sum {
    long entries;
    Money amount;

    Sum(Currency currency) {
      amount = Money.zero(currency);
    }
  }
}
