package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead moved to another state (contacted, qualified, lost or expired).
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the lead
 * @param referrerId who referred
 * @param from the state before
 * @param to the state after
 * @param note why, or an empty string
 */
public record LeadMoved(
    EventId id,
    Instant at,
    LeadId leadId,
    ReferrerId referrerId,
    LeadStatus from,
    LeadStatus to,
    String note)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public LeadMoved {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
  }

  @Override
  public EventType type() {
    return EventType.LEAD_MOVED;
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
