package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referrer was enrolled.
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the new referrer
 * @param kind customer, partner or contact
 * @param code the first code issued
 * @param consentToContact whether they agreed to be contacted
 */
public record ReferrerEnrolled(
    EventId id,
    Instant at,
    ReferrerId referrerId,
    ReferrerKind kind,
    ReferralCode code,
    boolean consentToContact)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public ReferrerEnrolled {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
  }

  @Override
  public EventType type() {
    return EventType.REFERRER_ENROLLED;
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
