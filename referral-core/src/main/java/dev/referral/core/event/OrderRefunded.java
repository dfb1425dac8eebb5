package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.Refund;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An order of a referred customer was refunded, wholly or in part.
 *
 * @param id the event id
 * @param at when it happened
 * @param refund the refund
 * @param leadId the lead the order belongs to
 * @param referrerId who referred
 * @param orderAmount the order's amount
 * @param refundedTotal everything refunded on the order so far, this refund included
 * @param withinClawback whether the refund came within the clawback window, so rewards were revoked
 *     or reduced
 */
public record OrderRefunded(
    EventId id,
    Instant at,
    Refund refund,
    LeadId leadId,
    ReferrerId referrerId,
    Money orderAmount,
    Money refundedTotal,
    boolean withinClawback)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public OrderRefunded {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(refund, "refund");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(orderAmount, "orderAmount");
    Objects.requireNonNull(refundedTotal, "refundedTotal");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_REFUNDED;
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
