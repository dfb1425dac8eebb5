package dev.referral.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IdGeneratorsTest {

  @Property
  void givenAnyBits_whenMadeIntoAnId_thenTheTextIsTheUnsignedBase36OfTheBits(@ForAll long bits) {
    assertEquals(
        "L-" + Long.toUnsignedString(bits, 36).toUpperCase(Locale.ROOT),
        IdGenerators.randomId("L", bits));
  }

  @Test
  void givenTheExtremes_whenMadeIntoIds_thenTheyMatchTheUnsignedBase36Text() {
    assertEquals("E-0", IdGenerators.randomId("E", 0));
    assertEquals("E-3W5E11264SGSF", IdGenerators.randomId("E", -1));
    assertEquals("E-1Y2P0IJ32E8E7", IdGenerators.randomId("E", Long.MAX_VALUE));
    assertEquals("E-1Y2P0IJ32E8E8", IdGenerators.randomId("E", Long.MIN_VALUE));
  }

  @Property
  void givenAnyPrefix_whenMadeIntoAnId_thenThePrefixAndAHyphenComeFirst(
      @ForAll String prefix, @ForAll long bits) {
    assertEquals(
        prefix + "-" + Long.toUnsignedString(bits, 36).toUpperCase(Locale.ROOT),
        IdGenerators.randomId(prefix, bits));
  }

  @Test
  void givenValuesAtEachNumberOfDigits_whenMadeIntoIds_thenTheyMatchTheUnsignedBase36Text() {
    long power = 1;
    for (int digits = 1; digits <= 13; digits++) {
      for (long bits : new long[] {power - 1, power, power + 1, power * 35}) {
        assertEquals(
            "RW-" + Long.toUnsignedString(bits, 36).toUpperCase(Locale.ROOT),
            IdGenerators.randomId("RW", bits));
      }
      power *= 36;
    }
  }

  @Test
  void givenAPrefixBeyondLatin1_whenMadeIntoAnId_thenItIsKeptWhole() {
    assertEquals("\u0141\u20ac-Z", IdGenerators.randomId("\u0141\u20ac", 35));
  }

  @Test
  void givenTheRandomGenerator_whenAskedTwice_thenTheIdsDifferAndKeepThePrefix() {
    String a = IdGenerators.RANDOM.next("RW");
    String b = IdGenerators.RANDOM.next("RW");
    assertNotEquals(a, b);
    assertTrue(a.matches("RW-[0-9A-Z]{1,13}"), a);
  }
}
