package dev.referral.core.store.memory;

import java.time.Instant;

/**
 * Instants held as one {@code long}: nanoseconds since the epoch, for the in-memory store's compact
 * forms. That covers the years 1677 to 2262 to the nanosecond; an instant outside has no such form
 * ({@link #NONE}), and whatever holds it keeps it as an {@link Instant}.
 */
final class EpochNanos {
  /** No form: the instant is out of range. Never the form of an instant. */
  static final long NONE = Long.MIN_VALUE;

  private static final long NANOS = 1_000_000_000L;
  private static final long MIN_SECONDS = Long.MIN_VALUE / NANOS; // -9223372036, nanos >= 0 fit
  private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS - 1; // any nanos fit

  private EpochNanos() {}

  /** The form of {@code at}, or {@link #NONE} if it is out of range. */
  static long of(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      return NONE;
    }
    return seconds * NANOS + at.getNano();
  }

  /** The instant of form {@code nanos}. */
  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  /** Whether the instant of form {@code nanos} is before {@code at}. */
  static boolean isBefore(long nanos, Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < MIN_SECONDS) {
      return false;
    }
    if (seconds > MAX_SECONDS) {
      return true;
    }
    return nanos < seconds * NANOS + at.getNano();
  }
}
