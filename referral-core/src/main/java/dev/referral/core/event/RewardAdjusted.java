package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reward's value changed, for example a commission reduced by a partial refund.
 *
 * @param id the event id
 * @param at when it happened
 * @param rewardId the reward
 * @param referrerId the referrer
 * @param leadId the lead, if any
 * @param from the value before
 * @param to the value after
 * @param reason why
 */
public record RewardAdjusted(
    EventId id,
    Instant at,
    RewardId rewardId,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    Money from,
    Money to,
    String reason)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RewardAdjusted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rewardId, "rewardId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public EventType type() {
    return EventType.REWARD_ADJUSTED;
  }

  @Override
  public Optional<ReferrerId> referrer() {
    return Optional.of(referrerId);
  }

  @Override
  public Optional<LeadId> lead() {
    return leadId;
  }
}
