package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The host recorded a customer's satisfaction score.
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the referrer
 * @param score the score, 0 to 10
 */
public record SatisfactionRecorded(EventId id, Instant at, ReferrerId referrerId, int score)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public SatisfactionRecorded {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
  }

  @Override
  public EventType type() {
    return EventType.SATISFACTION_RECORDED;
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
