package dev.referral.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer satisfaction score recorded by the host (for example a 0-10 survey answer). Asking for
 * referrals is earned: only customers whose latest score meets the threshold are asked.
 *
 * @param score the score, {@value #MIN_SCORE} to {@value #MAX_SCORE}
 * @param recordedAt when it was recorded
 */
public record Satisfaction(int score, Instant recordedAt) {

  /** The lowest score. */
  public static final int MIN_SCORE = 0;

  /** The highest score. */
  public static final int MAX_SCORE = 10;

  /** Validates the score. */
  public Satisfaction {
    if (score < MIN_SCORE || score > MAX_SCORE) {
      throw new IllegalArgumentException(
          "score must be between " + MIN_SCORE + " and " + MAX_SCORE + " but was " + score);
    }
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
