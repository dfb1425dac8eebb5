package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fraud check flagged an accepted referral: the rewards the lead causes wait for an operator to
 * approve or reject them. One event per flagging check, right after the lead's {@link
 * LeadReferred}.
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the flagged lead
 * @param referrerId the referrer
 * @param check the name of the fraud check
 * @param detail what the check found, without personal data
 */
public record LeadFlagged(
    EventId id, Instant at, LeadId leadId, ReferrerId referrerId, String check, String detail)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public LeadFlagged {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public EventType type() {
    return EventType.LEAD_FLAGGED;
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
