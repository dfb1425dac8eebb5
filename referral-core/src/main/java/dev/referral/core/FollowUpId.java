package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies a scheduled follow-up: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record FollowUpId(String value) implements Comparable<FollowUpId> {

  /** Validates the identifier. */
  public FollowUpId {
    Checks.identifier(value, "followUpId");
  }

  /** Returns the identifier for {@code value}. */
  public static FollowUpId of(String value) {
    return new FollowUpId(value);
  }

  @Override
  public int compareTo(FollowUpId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
