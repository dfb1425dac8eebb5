package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referrer gave or withdrew consent to be contacted. Withdrawal cancels their pending follow-ups.
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the referrer
 * @param consentToContact the new consent
 */
public record ConsentChanged(
    EventId id, Instant at, ReferrerId referrerId, boolean consentToContact)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public ConsentChanged {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
  }

  @Override
  public EventType type() {
    return EventType.CONSENT_CHANGED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return Optional.of(referrerId);
  }

  @Override
  public Optional<LeadId> lead() {
    return Optional.empty();
  }
}
