package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

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
}
