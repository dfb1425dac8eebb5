package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import dev.referral.core.Rejection;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referral was refused at intake.
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the rejected lead
 * @param referrerId the referrer, when the code was known
 * @param code the code as given
 * @param rejection why
 */
public record LeadRejected(
    EventId id,
    Instant at,
    LeadId leadId,
    Optional<ReferrerId> referrerId,
    String code,
    Rejection rejection)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public LeadRejected {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(rejection, "rejection");
  }

  @Override
  public EventType type() {
    return EventType.LEAD_REJECTED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return referrerId;
  }

  @Override
  public Optional<LeadId> lead() {
    return Optional.of(leadId);
  }
}
