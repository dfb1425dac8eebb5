package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision that had failed succeeded on retry.
 *
 * @param id the event id
 * @param at when it happened
 * @param failedEventId the event decided on
 * @param referrerId the referrer concerned, if any
 * @param policy the policy or rule
 */
public record DecisionRecovered(
    EventId id, Instant at, EventId failedEventId, Optional<ReferrerId> referrerId, String policy)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public DecisionRecovered {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(failedEventId, "failedEventId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public EventType type() {
    return EventType.DECISION_RECOVERED;
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
