package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy or rule threw while deciding on an event. The event's state change stands; the decision
 * is retried by {@code ReferralProgram.retryFailedDecisions}.
 *
 * @param id the event id
 * @param at when it happened
 * @param failedEventId the event being decided on
 * @param referrerId the referrer concerned, if any
 * @param policy the policy or rule that failed
 * @param error the error
 */
public record DecisionFailed(
    EventId id,
    Instant at,
    EventId failedEventId,
    Optional<ReferrerId> referrerId,
    String policy,
    String error)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public DecisionFailed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(failedEventId, "failedEventId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public EventType type() {
    return EventType.DECISION_FAILED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return referrerId;
  }

  @Override
  public Optional<LeadId> lead() {
    return Optional.empty();
  }
}
