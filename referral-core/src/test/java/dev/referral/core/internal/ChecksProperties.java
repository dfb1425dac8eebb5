package dev.referral.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ChecksProperties {

  @Property
  void givenAnyText_whenCheckedNotBlank_thenItIsStrippedOrRejectedAsBlank(
      @ForAll("texts") String text) {
    if (text.isBlank()) {
      assertThrows(IllegalArgumentException.class, () -> Checks.notBlank(text, "note"));
    } else {
      assertEquals(text.strip(), Checks.notBlank(text, "note"));
    }
  }

  @Property
  void givenAnyText_whenCheckedAsAnIdentifier_thenWhitespaceAndControlsAreRejected(
      @ForAll("texts") String text) {
    boolean valid =
        !text.isEmpty()
            && text.length() <= 64
            && text.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    if (valid) {
      assertEquals(text, Checks.identifier(text, "id"));
    } else {
      assertThrows(IllegalArgumentException.class, () -> Checks.identifier(text, "id"));
    }
  }

  /** Text mixing visible ASCII with whitespace, controls and other characters at either end. */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Character> edgy =
        Arbitraries.of(
            ' ', '\t', '\n', '\u000B', '\u001F', '\u007F', '\u0085', '\u00A0', '\u2003', '\u3000',
            'a', '~', '!', '\u00E9', '\u4E2D');
    Arbitrary<Character> any =
        Arbitraries.oneOf(Arbitraries.chars().range('!', '~'), edgy, Arbitraries.chars());
    return any.list()
        .ofMaxSize(70)
        .map(
            cs -> {
              StringBuilder b = new StringBuilder(cs.size());
              cs.forEach(b::append);
              return b.toString();
            });
  }
}
