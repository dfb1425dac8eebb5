package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.Purchase;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A converted lead ordered again. It is not a second conversion.
 *
 * @param id the event id
 * @param at when it happened
 * @param leadId the lead
 * @param referrerId who referred
 * @param purchase the order
 */
public record RepeatPurchase(
    EventId id, Instant at, LeadId leadId, ReferrerId referrerId, Purchase purchase)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RepeatPurchase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(purchase, "purchase");
  }

  @Override
  public EventType type() {
    return EventType.REPEAT_PURCHASE;
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
