package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Purchase;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead bought: the referral succeeded.
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the lead
 * @param referrerId who referred
 * @param from the state before
 * @param purchase the converting order
 */
public record LeadConverted(
    EventId id,
    Instant at,
    LeadId leadId,
    ReferrerId referrerId,
    LeadStatus from,
    Purchase purchase)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public LeadConverted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(purchase, "purchase");
  }

  @Override
  public EventType type() {
    return EventType.LEAD_CONVERTED;
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
