package dev.referral.core.spi;

import dev.referral.core.EventId;
import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * A policy that threw while deciding on an event; the event's state change stands and the decision
 * is retried.
 *
 * @param eventId the event, also this record's key
 * @param policy the name of the policy or rule that failed
 * @param error the last error
 * @param firstFailedAt when it first failed
 * @param attempts how many times deciding failed
 * @param resolved whether a retry succeeded
 * @param version the optimistic-locking version, starting at 1
 */
public record DecisionFailure(
    EventId eventId,
    String policy,
    String error,
    Instant firstFailedAt,
    int attempts,
    boolean resolved,
    long version) {

  /** Validates the fields. */
  public DecisionFailure {
    Objects.requireNonNull(eventId, "eventId");
    policy = Checks.text(policy, "policy", 500);
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(firstFailedAt, "firstFailedAt");
    Checks.positive(attempts, "attempts");
    Checks.positive(version, "version");
  }

  /** This failure after another failed attempt. */
  public DecisionFailure failedAgain(String policy, String error) {
    return new DecisionFailure(
        eventId, policy, error, firstFailedAt, attempts + 1, false, version + 1);
  }

  /** This failure resolved by a successful retry. */
  public DecisionFailure resolve() {
    return new DecisionFailure(eventId, policy, error, firstFailedAt, attempts, true, version + 1);
  }
}
