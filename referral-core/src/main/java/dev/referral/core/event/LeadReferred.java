package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referral was accepted: a new lead.
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the new lead
 * @param referrerId who referred
 * @param code the code used
 * @param source where the referral came from
 */
public record LeadReferred(
    EventId id, Instant at, LeadId leadId, ReferrerId referrerId, ReferralCode code, String source)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public LeadReferred {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public EventType type() {
    return EventType.LEAD_REFERRED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return Optional.of(referrerId);
  }

  @Override
  public Optional<LeadId> lead() {
    return Optional.of(leadId);
  }
}
