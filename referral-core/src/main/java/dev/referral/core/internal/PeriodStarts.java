package dev.referral.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The starts of the calendar month and year of an instant in a time zone, with the month at hand
 * cached: every command that reads a referrer's counts needs them, and working them out through the
 * zone's rules each time cost more than the counting. Thread-safe.
 */
final class PeriodStarts {
  private final ZoneId zone;
  private volatile @Nullable Month cached;

  PeriodStarts(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The start of the calendar month of {@code at}. */
  Instant monthStart(Instant at) {
    return month(at).start;
  }

  /** The start of the calendar year of {@code at}. */
  Instant yearStart(Instant at) {
    return month(at).yearStart;
  }

  private Month month(Instant at) {
    Month m = cached;
    if (m != null && m.contains(at)) {
      return m;
    }
    LocalDate first = ZonedDateTime.ofInstant(at, zone).toLocalDate().withDayOfMonth(1);
    m =
        new Month(
            first.atStartOfDay(zone).toInstant(),
            first.plusMonths(1).atStartOfDay(zone).toInstant(),
            first.withDayOfYear(1).atStartOfDay(zone).toInstant());
    cached = m;
    return m;
  }

  /** A calendar month, {@code [start, end)}, and the start of its year. */
  private static final class Month {
    final Instant start;
    final Instant end;
    final Instant yearStart;

    Month(Instant start, Instant end, Instant yearStart) {
      this.start = start;
      this.end = end;
      this.yearStart = yearStart;
    }

    boolean contains(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }
  }
}
