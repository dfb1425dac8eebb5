package dev.referral.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PeriodStartsTest {
  private static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kathmandu");

  @Property
  void givenInstantsInAnyOrder_whenAskedForPeriodStarts_thenTheyMatchTheZonesCalendar(
      @ForAll("zones") String zoneName, @ForAll("instants") List<Instant> instants) {
    ZoneId zone = ZoneId.of(zoneName);
    PeriodStarts periods = new PeriodStarts(zone);
    for (Instant at : instants) {
      LocalDate day = ZonedDateTime.ofInstant(at, zone).toLocalDate();
      assertEquals(
          day.withDayOfMonth(1).atStartOfDay(zone).toInstant(), periods.monthStart(at), "" + at);
      assertEquals(
          day.withDayOfYear(1).atStartOfDay(zone).toInstant(), periods.yearStart(at), "" + at);
    }
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<List<Instant>> instants() {
    // Around a few month ends (one with a DST change, one with a skipped day), and anywhere.
    Arbitrary<Instant> nearMonthEnds =
        Arbitraries.of(
                Instant.parse("2025-03-31T22:00:00Z"),
                Instant.parse("2011-12-30T10:00:00Z"),
                Instant.parse("2024-12-31T23:30:00Z"),
                Instant.parse("2026-10-31T23:59:59Z"))
            .flatMap(
                at -> Arbitraries.longs().between(-2 * 86_400, 2 * 86_400).map(at::plusSeconds));
    Arbitrary<Instant> anywhere =
        Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
    return Arbitraries.oneOf(nearMonthEnds, nearMonthEnds, anywhere).list().ofMaxSize(20);
  }
}
