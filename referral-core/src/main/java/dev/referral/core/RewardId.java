package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies a reward: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record RewardId(String value) implements Comparable<RewardId> {

  /** Validates the identifier. */
  public RewardId {
    Checks.identifier(value, "rewardId");
  }

  /** Returns the identifier for {@code value}. */
  public static RewardId of(String value) {
    return new RewardId(value);
  }

  @Override
  public int compareTo(RewardId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
