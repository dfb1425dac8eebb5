package dev.referral.core.event;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reward was granted (issued at once, or pending a hold or an approval).
 *
 * @param id the event id
 * @param at when it happened
 * @param rewardId the reward
 * @param causedBy the event whose decision granted it
 * @param referrerId the referrer whose referral caused it
 * @param leadId the lead that caused it, if any
 * @param beneficiary who receives it
 * @param incentive what it gives
 * @param value what it costs, when known
 * @param reason the policy or rule that granted it
 * @param status PENDING or ISSUED
 */
public record RewardGranted(
    EventId id,
    Instant at,
    RewardId rewardId,
    EventId causedBy,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    Beneficiary beneficiary,
    Incentive incentive,
    Optional<Money> value,
    String reason,
    RewardStatus status)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RewardGranted {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(rewardId, "rewardId");
    Objects.requireNonNull(causedBy, "causedBy");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(incentive, "incentive");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
  }

  @Override
  public EventType type() {
    return EventType.REWARD_GRANTED;
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
