package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a lead: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record LeadId(String value) implements Comparable<LeadId> {

  /** Validates the identifier. */
  public LeadId {
    Checks.identifier(value, "leadId");
  }

  /** Returns the identifier for {@code value}. */
  public static LeadId of(String value) {
    return new LeadId(value);
  }

  @Override
  public int compareTo(LeadId other) {
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

  /** Whether {@code o} is a {@code LeadId} with the same text. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LeadId other && value.equals(other.value);
  }

  /** The text's hash code. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
