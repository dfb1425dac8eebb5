package dev.referral.core.store.jdbc.internal;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The period starts (month, year) that the last referrer statistics read of a store asked for. A
 * conversion's lead read fetches the referrer's statistics for these periods in the same round
 * trip, betting that the program asks for the same ones again (it does until a month ends); a wrong
 * bet costs the query it would have run anyway.
 *
 * <p>This class is thread-safe.
 */
public final class StatsPeriods {

  /** A month start and a year start. */
  record Starts(Instant monthStart, Instant yearStart) {
    Starts {
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
    }
  }

  private volatile @Nullable Starts last;
  private volatile boolean conversions;
  private volatile boolean rewards;

  /** No periods seen yet. */
  public StatsPeriods() {}

  /** The periods asked for last, if any. */
  @Nullable Starts last() {
    return last;
  }

  /** Whether conversion counts were read. */
  boolean conversions() {
    return conversions;
  }

  /** Whether reward totals were read. */
  boolean rewards() {
    return rewards;
  }

  /** Remembers a read of conversion counts ({@code rewards}: of reward totals) and its periods. */
  void askedFor(Instant monthStart, Instant yearStart, boolean rewards) {
    if (rewards && !this.rewards) {
      this.rewards = true;
    } else if (!rewards && !conversions) {
      conversions = true;
    }
    Starts seen = last;
    if (seen == null
        || !seen.monthStart().equals(monthStart)
        || !seen.yearStart().equals(yearStart)) {
      last = new Starts(monthStart, yearStart);
    }
  }
}
