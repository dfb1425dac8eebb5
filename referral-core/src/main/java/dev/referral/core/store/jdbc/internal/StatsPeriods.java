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

  /** No periods seen yet. */
  public StatsPeriods() {}

  /** The periods asked for last, if any. */
  @Nullable Starts last() {
    return last;
  }

  /** Remembers the periods of a statistics read. */
  void askedFor(Instant monthStart, Instant yearStart) {
    Starts seen = last;
    if (seen == null
        || !seen.monthStart().equals(monthStart)
        || !seen.yearStart().equals(yearStart)) {
      last = new Starts(monthStart, yearStart);
    }
  }
}
