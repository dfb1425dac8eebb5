package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SettableClockTest {

  private final SettableClock clock = SettableClock.at("2026-01-05T09:00:00Z");

  @Test
  void shouldStandStillUntilSetOrAdvanced() {
    assertEquals(Instant.parse("2026-01-05T09:00:00Z"), clock.instant());
    assertEquals(ZoneOffset.UTC, clock.getZone());

    assertEquals(Instant.parse("2026-01-05T10:30:00Z"), clock.advance(Duration.ofMinutes(90)));
    assertEquals(Instant.parse("2026-01-05T10:00:00Z"), clock.advance(Duration.ofMinutes(-30)));
    clock.set(Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), clock.instant());
  }

  @Test
  void shouldShareItsTimeWithACopyInAnotherZone() {
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofDays(1));

    assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    assertEquals(clock.instant(), paris.instant());
  }

  @Test
  void shouldRejectNullsNamingTheArgument() {
    FollowUpFixture.assertNullRejected("start", () -> SettableClock.at((Instant) null));
    FollowUpFixture.assertNullRejected("instant", () -> clock.set(null));
    FollowUpFixture.assertNullRejected("amount", () -> clock.advance(null));
    FollowUpFixture.assertNullRejected("zone", () -> clock.withZone(null));
  }
}
