package dev.referral.core.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The session's binding helpers give the values of the JDK's own conversions. */
class SqlSessionProperties {

  @Property
  void givenAnyInstant_whenTakenAtUtc_thenItIsTheJdksOffsetDateTime(
      @ForAll @LongRange(min = -31_000_000_000_000_000L, max = 31_000_000_000_000_000L)
          long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);

    assertEquals(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), SqlSession.utc(instant));
  }
}
