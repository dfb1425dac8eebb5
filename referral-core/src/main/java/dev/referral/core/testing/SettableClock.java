package dev.referral.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test sets or advances it, so that time-driven behaviour (due
 * follow-ups, expiry, holds, backoff) is tested without waiting. This class is thread-safe.
 */
public final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start}, in UTC. */
  public static SettableClock at(Instant start) {
    return new SettableClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock at {@code start} (ISO-8601, e.g. {@code "2026-01-05T09:00:00Z"}), in UTC. */
  public static SettableClock at(String start) {
    return at(Instant.parse(Objects.requireNonNull(start, "start")));
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** Moves the time forward (or back, for a negative amount) and returns the new time. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A clock in {@code zone} that shares this clock's time. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "SettableClock[" + now.get() + "]";
  }
}
