package dev.referral.rules;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the rule-file reader: any text either loads or throws {@link RuleDefinitionException};
 * never another exception, never a hang.
 */
class RuleSetJsonFuzzProperties {
  private static final String VALID = SpringProgramme.text();

  /** Loads {@code text} or accepts a rule-definition error; anything else fails the property. */
  private static void loadsOrFailsCleanly(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try {
            RuleSetJson.read("fuzz.json", text);
          } catch (RuleDefinitionException expected) {
            if (expected.line() < 0 || expected.column() < 0) {
              throw new AssertionError("negative location in " + expected.getMessage());
            }
          }
        });
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.eE+- \n\\/tfnrulaxs$")
            .ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> truncations() {
    return Arbitraries.integers().between(0, VALID.length()).map(n -> VALID.substring(0, n));
  }

  /** A valid file with one edit: a deletion, an insertion, a replacement or a swap of keys. */
  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
    Arbitrary<String> snippet =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("{}[]\":,0123456789.eE-").ofMaxLength(4),
            Arbitraries.of(
                "null",
                "true",
                "\"x\"",
                "1e999999999",
                "-1",
                "[]",
                "{}",
                "\"P-1D\"",
                "\"between\"",
                "\"values\"",
                "\"value\"",
                "\"$schema\":1,",
                "\"name\":\"dup\",",
                "\"PT99999999999999999H\"",
                "9223372036854775808"));
    return Arbitraries.oneOf(
        Combinators.combine(at, Arbitraries.integers().between(1, 40))
            .as((i, n) -> VALID.substring(0, i) + VALID.substring(Math.min(VALID.length(), i + n))),
        Combinators.combine(at, snippet)
            .as((i, s) -> VALID.substring(0, i) + s + VALID.substring(i)),
        Combinators.combine(at, snippet, Arbitraries.integers().between(1, 8))
            .as(
                (i, s, n) ->
                    VALID.substring(0, i) + s + VALID.substring(Math.min(VALID.length(), i + n))),
        Combinators.combine(
                Arbitraries.of(KEYS), Arbitraries.of(KEYS), Arbitraries.integers().between(0, 5))
            .as((a, b, nth) -> replaceNth(VALID, a, b, nth)));
  }

  private static final List<String> KEYS =
      List.of(
          "\"name\"",
          "\"on\"",
          "\"when\"",
          "\"then\"",
          "\"fact\"",
          "\"op\"",
          "\"value\"",
          "\"values\"",
          "\"type\"",
          "\"to\"",
          "\"incentive\"",
          "\"amount\"",
          "\"currency\"",
          "\"all\"",
          "\"any\"",
          "\"not\"",
          "\"group\"",
          "\"priority\"",
          "\"kind\"",
          "\"after\"",
          "\"LEAD_CONVERTED\"",
          "\"PARTNER\"",
          "\"EUR\"",
          "\"P30D\"",
          "\"grant\"",
          "\"followUp\"");

  private static String replaceNth(String text, String from, String to, int nth) {
    int index = -1;
    for (int i = 0; i <= nth; i++) {
      index = text.indexOf(from, index + 1);
      if (index < 0) {
        return text;
      }
    }
    return text.substring(0, index) + to + text.substring(index + from.length());
  }

  @Property(tries = 2000)
  void givenAnyText_whenRead_thenItLoadsOrThrowsTheRuleDefinitionException(
      @ForAll("anyText") String text) {
    loadsOrFailsCleanly(text);
  }

  @Property(tries = 1000)
  void givenATruncatedValidFile_whenRead_thenItLoadsOrThrowsTheRuleDefinitionException(
      @ForAll("truncations") String text) {
    loadsOrFailsCleanly(text);
  }

  @Property(tries = 3000)
  void givenAMutatedValidFile_whenRead_thenItLoadsOrThrowsTheRuleDefinitionException(
      @ForAll("mutations") String text) {
    loadsOrFailsCleanly(text);
  }

  @Property(tries = 20)
  void givenDeeplyNestedInput_whenRead_thenItLoadsOrThrowsTheRuleDefinitionException(
      @ForAll("depths") int depth) {
    loadsOrFailsCleanly("[".repeat(depth));
    loadsOrFailsCleanly(
        "{\"name\":\"s\",\"rules\":[{\"name\":\"r\",\"on\":[\"LEAD_CONVERTED\"],\"when\":"
            + "{\"not\":".repeat(depth)
            + "{\"all\":[]}"
            + "}".repeat(depth)
            + ",\"then\":[{\"type\":\"cancelFollowUps\",\"scope\":\"LEAD\"}]}]}");
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.integers().between(1, 5000);
  }
}
