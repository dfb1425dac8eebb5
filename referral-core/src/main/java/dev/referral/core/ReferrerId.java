package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies a referrer: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record ReferrerId(String value) implements Comparable<ReferrerId> {

  /** Validates the identifier. */
  public ReferrerId {
    Checks.identifier(value, "referrerId");
  }

  /** Returns the identifier for {@code value}. */
  public static ReferrerId of(String value) {
    return new ReferrerId(value);
  }

  @Override
  public int compareTo(ReferrerId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
