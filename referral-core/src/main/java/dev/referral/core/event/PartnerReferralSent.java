package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The host referred one of its own customers to a partner business (reciprocity).
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the partner
 * @param note what was referred, or an empty string
 */
public record PartnerReferralSent(EventId id, Instant at, ReferrerId referrerId, String note)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public PartnerReferralSent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(note, "note");
  }

  @Override
  public EventType type() {
    return EventType.PARTNER_REFERRAL_SENT;
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
