package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referral code was issued to a referrer.
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the referrer
 * @param code the code
 */
public record CodeIssued(EventId id, Instant at, ReferrerId referrerId, ReferralCode code)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public CodeIssued {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(code, "code");
  }

  @Override
  public EventType type() {
    return EventType.CODE_ISSUED;
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
