package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A beneficiary used a reward.
 *
 * @param id the event id
 * @param at when it happened
 * @param rewardId the reward
 * @param referrerId the referrer
 * @param leadId the lead, if any
 */
public record RewardRedeemed(
    EventId id, Instant at, RewardId rewardId, ReferrerId referrerId, Optional<LeadId> leadId)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RewardRedeemed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rewardId, "rewardId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
  }

  @Override
  public EventType type() {
    return EventType.REWARD_REDEEMED;
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
