package dev.referral.core.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The store's own instant text is the JDK's, both ways. */
class InstantsProperties {

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds =
        Arbitraries.oneOf(
            Arbitraries.longs().between(-62_167_219_300L, 253_402_300_900L),
            Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
            Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Property
  void givenAnyInstant_whenFormatted_thenTheTextIsToStrings(@ForAll("instants") Instant instant) {
    assertEquals(instant.toString(), Instants.format(instant));
  }

  @Property
  void givenAnyInstantsText_whenParsed_thenTheInstantIsParses(@ForAll("instants") Instant instant) {
    String text = instant.toString();
    assertEquals(Instant.parse(text), Instants.parse(text));
  }

  @Property
  void givenFractionsOfAnyLength_whenParsed_thenTheInstantIsParses(
      @ForAll("instants") Instant instant, @ForAll("digits") String fraction) {
    String text = Instants.format(Instant.ofEpochSecond(instant.getEpochSecond()));
    text = text.substring(0, text.length() - 1) + "." + fraction + "Z";
    assertEquals(Instant.parse(text), Instants.parse(text));
  }

  @Provide
  Arbitrary<String> digits() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9);
  }

  @Example
  void givenUnusualText_whenParsed_thenTheOutcomeIsTheJdks() {
    for (String text :
        new String[] {
          "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-01T24:00:00Z",
          "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567890Z", "2026-01-0xT10:00:00Z",
          "2026-06-30T23:59:60Z", "+12026-01-01T10:00:00Z", "2026-01-01T10:00:00+01:00"
        }) {
      String jdk;
      try {
        jdk = Instant.parse(text).toString();
      } catch (DateTimeException e) {
        assertThrows(DateTimeException.class, () -> Instants.parse(text), text);
        continue;
      }
      assertEquals(jdk, Instants.parse(text).toString(), text);
    }
  }
}
