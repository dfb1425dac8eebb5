package dev.referral.core;

/**
 * What one run of {@code runMaintenance} did.
 *
 * @param leadsExpired open leads whose attribution window closed
 * @param rewardsIssued held rewards issued because their hold ended and they were approved
 * @param rewardsExpired issued rewards that expired unused
 */
public record MaintenanceSummary(int leadsExpired, int rewardsIssued, int rewardsExpired) {

  /** Validates the counts. */
  public MaintenanceSummary {
    if (leadsExpired < 0 || rewardsIssued < 0 || rewardsExpired < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
