package dev.referral.core;

import java.util.Objects;

/**
 * What one run of {@code dispatchDueFollowUps} did. A follow-up that slipped out of the run's hands
 * (cancelled after it was claimed, or its lease ran out before its turn) counts in none of these:
 * the run that takes it over counts it.
 *
 * @param sent follow-ups delivered
 * @param retried follow-ups that failed and will be tried again later
 * @param failed follow-ups that failed on their last attempt and were marked FAILED
 * @param cancelled follow-ups dropped because they were no longer wanted (consent withdrawn, the
 *     referrer inactive, the lead ended)
 */
public record DispatchSummary(int sent, int retried, int failed, int cancelled) {

  /** Nothing was due. */
  public static final DispatchSummary NONE = new DispatchSummary(0, 0, 0, 0);

  /** Validates the counts. */
  public DispatchSummary {
    if (sent < 0 || retried < 0 || failed < 0 || cancelled < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** The sum of this summary and {@code other}. */
  public DispatchSummary plus(DispatchSummary other) {
    Objects.requireNonNull(other, "other");
    return new DispatchSummary(
        sent + other.sent,
        retried + other.retried,
        failed + other.failed,
        cancelled + other.cancelled);
  }
}
