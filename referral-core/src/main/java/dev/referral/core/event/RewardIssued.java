package dev.referral.core.event;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reward was issued to its beneficiary.
 *
 * @param id the event id
 * @param at when it happened
 * @param rewardId the reward
 * @param referrerId the referrer
 * @param leadId the lead, if any
 * @param beneficiary who receives it
 * @param incentive what it gives
 * @param value what it costs, when known
 */
public record RewardIssued(
    EventId id,
    Instant at,
    RewardId rewardId,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    Beneficiary beneficiary,
    Incentive incentive,
    Optional<Money> value)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RewardIssued {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rewardId, "rewardId");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(incentive, "incentive");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public EventType type() {
    return EventType.REWARD_ISSUED;
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
