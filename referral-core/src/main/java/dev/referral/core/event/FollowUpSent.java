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
 * A follow-up was delivered to the notifier.
 *
 * @param id the event id
 * @param at when it happened
 * @param followUpId the follow-up (and notification) id
 * @param kind what it was for
 * @param audience who it went to
 * @param referrerId the referrer concerned
 * @param leadId the lead concerned, if any
 * @param attempt the attempt that succeeded, from 1
 */
public record FollowUpSent(
    EventId id,
    Instant at,
    FollowUpId followUpId,
    FollowUpKind kind,
    Audience audience,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    int attempt)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public FollowUpSent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(followUpId, "followUpId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
  }

  @Override
  public EventType type() {
    return EventType.FOLLOW_UP_SENT;
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
