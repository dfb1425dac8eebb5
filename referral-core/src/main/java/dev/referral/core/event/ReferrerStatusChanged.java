package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referrer was paused, blocked or activated.
 *
 * @param id the event id
 * @param at when it happened
 * @param referrerId the referrer
 * @param from the status before
 * @param to the status after
 * @param note why, or an empty string
 */
public record ReferrerStatusChanged(
    EventId id,
    Instant at,
    ReferrerId referrerId,
    ReferrerStatus from,
    ReferrerStatus to,
    String note)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public ReferrerStatusChanged {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
  }

  @Override
  public EventType type() {
    return EventType.REFERRER_STATUS_CHANGED;
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
