package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies a refund in the host's shop: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record RefundId(String value) implements Comparable<RefundId> {

  /** Validates the identifier. */
  public RefundId {
    Checks.identifier(value, "refundId");
  }

  /** Returns the identifier for {@code value}. */
  public static RefundId of(String value) {
    return new RefundId(value);
  }

  @Override
  public int compareTo(RefundId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
