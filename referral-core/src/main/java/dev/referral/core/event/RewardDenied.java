package dev.referral.core.event;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A grant was stopped by a limit or budget and recorded as denied.
 *
 * @param id the event id
 * @param at when it happened
 * @param rewardId the denied reward's record
 * @param causedBy the event whose decision asked for it
 * @param referrerId the referrer
 * @param leadId the lead, if any
 * @param beneficiary who would have received it
 * @param incentive what it would have given
 * @param value what it would have cost
 * @param reason the policy or rule that asked for it
 * @param limit the limit that stopped it
 */
public record RewardDenied(
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
    LimitKind limit)
    implements ReferralEvent {

  /** Checks that no field is null. */
  public RewardDenied {
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
    Objects.requireNonNull(limit, "limit");
  }

  @Override
  public EventType type() {
    return EventType.REWARD_DENIED;
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
