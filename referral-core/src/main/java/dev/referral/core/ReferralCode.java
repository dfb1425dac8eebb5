package dev.referral.core;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A referral code in its canonical form: upper case, letters and digits only. {@link #parse}
 * accepts what people type (any case, spaces, hyphens) so look-ups ignore those differences.
 * Generated codes use {@link #ALPHABET}, which leaves out the look-alikes 0/O and 1/I/L; vanity
 * codes may use any letter or digit.
 *
 * @param value the canonical code, {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters
 */
public record ReferralCode(String value) {

  /** The characters of generated codes: digits and letters without 0, O, 1, I and L. */
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

  /** The shortest valid code. */
  public static final int MIN_LENGTH = 4;

  /** The longest valid code. */
  public static final int MAX_LENGTH = 32;

  /** Validates the canonical form. */
  public ReferralCode {
    Objects.requireNonNull(value, "value");
    if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "code must have "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " letters or digits but has "
              + value.length()
              + ": '"
              + value
              + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        throw new IllegalArgumentException(
            "code must contain only letters A-Z and digits: '" + value + "'");
      }
    }
  }

  /**
   * Parses a code as a person typed it: case, spaces and hyphens are ignored, so {@code "ab-cd 23"}
   * is {@code ABCD23}.
   *
   * @throws IllegalArgumentException if what remains is not a valid code
   */
  public static ReferralCode parse(String code) {
    String text = Objects.requireNonNull(code, "code");
    StringBuilder canonical = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-' || Character.isWhitespace(c)) {
        continue;
      }
      canonical.append(c);
    }
    return new ReferralCode(canonical.toString().toUpperCase(Locale.ROOT));
  }

  /** Whether {@code code} parses as a valid code. */
  public static boolean isValid(String code) {
    Objects.requireNonNull(code, "code");
    try {
      parse(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return value;
  }

  // equals and hashCode are written out: the generated ones go through an invokedynamic bootstrap
  // that the JIT compiler handles less well at the stores' hash look-ups, where keys of several
  // types meet.

  /** Whether {@code o} is a {@code ReferralCode} with the same text. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ReferralCode other && value.equals(other.value);
  }

  /** The text's hash code. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
