package dev.referral.core.event;

import dev.referral.core.Audience;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up failed on every attempt and will not be tried again.
 *
 * @param id the event id
 * @param at when it happened
 * @param followUpId the follow-up
 * @param kind what it was for
 * @param audience who it was for
 * @param referrerId the referrer concerned
 * @param leadId the lead concerned, if any
 * @param attempts how many attempts were made
 * @param error the last error
 */
public record FollowUpFailed(
    EventId id,
    Instant at,
    FollowUpId followUpId,
    FollowUpKind kind,
    Audience audience,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    int attempts,
    String error)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public FollowUpFailed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(followUpId, "followUpId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public EventType type() {
    return EventType.FOLLOW_UP_FAILED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return Optional.of(referrerId);
  }

  @Override
  public Optional<LeadId> lead() {
    return leadId;
  }
}
