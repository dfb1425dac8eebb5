package dev.referral.core;

/**
 * What one run of {@code retryFailedDecisions} did.
 *
 * @param recovered failed decisions that succeeded this time
 * @param stillFailing failed decisions that failed again
 */
public record RetrySummary(int recovered, int stillFailing) {

  /** Validates the counts. */
  public RetrySummary {
    if (recovered < 0 || stillFailing < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
