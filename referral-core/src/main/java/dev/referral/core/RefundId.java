package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

  // equals and hashCode are written out: the generated ones go through an invokedynamic bootstrap
  // that the JIT compiler handles less well at the stores' hash look-ups, where keys of several
  // types meet.

  /** Whether {@code o} is a {@code RefundId} with the same text. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RefundId other && value.equals(other.value);
  }

  /** The text's hash code. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
