package dev.referral.core.event;

import java.util.Objects;

/** The type of each {@link ReferralEvent}, one constant per event record. */
public enum EventType {
  /** {@link ReferrerEnrolled}. */
  REFERRER_ENROLLED(ReferrerEnrolled.class),
  /** {@link ReferrerStatusChanged}. */
  REFERRER_STATUS_CHANGED(ReferrerStatusChanged.class),
  /** {@link ConsentChanged}. */
  CONSENT_CHANGED(ConsentChanged.class),
  /** {@link CodeIssued}. */
  CODE_ISSUED(CodeIssued.class),
  /** {@link CodeRetired}. */
  CODE_RETIRED(CodeRetired.class),
  /** {@link SatisfactionRecorded}. */
  SATISFACTION_RECORDED(SatisfactionRecorded.class),
  /** {@link LeadReferred}. */
  LEAD_REFERRED(LeadReferred.class),
  /** {@link LeadRejected}. */
  LEAD_REJECTED(LeadRejected.class),
  /** {@link LeadFlagged}. */
  LEAD_FLAGGED(LeadFlagged.class),
  /** {@link LeadMoved}. */
  LEAD_MOVED(LeadMoved.class),
  /** {@link LeadConverted}. */
  LEAD_CONVERTED(LeadConverted.class),
  /** {@link RepeatPurchase}. */
  REPEAT_PURCHASE(RepeatPurchase.class),
  /** {@link OrderRefunded}. */
  ORDER_REFUNDED(OrderRefunded.class),
  /** {@link RewardGranted}. */
  REWARD_GRANTED(RewardGranted.class),
  /** {@link RewardDenied}. */
  REWARD_DENIED(RewardDenied.class),
  /** {@link RewardApproved}. */
  REWARD_APPROVED(RewardApproved.class),
  /** {@link RewardIssued}. */
  REWARD_ISSUED(RewardIssued.class),
  /** {@link RewardRevoked}. */
  REWARD_REVOKED(RewardRevoked.class),
  /** {@link RewardAdjusted}. */
  REWARD_ADJUSTED(RewardAdjusted.class),
  /** {@link RewardRedeemed}. */
  REWARD_REDEEMED(RewardRedeemed.class),
  /** {@link RewardExpired}. */
  REWARD_EXPIRED(RewardExpired.class),
  /** {@link FollowUpSent}. */
  FOLLOW_UP_SENT(FollowUpSent.class),
  /** {@link FollowUpFailed}. */
  FOLLOW_UP_FAILED(FollowUpFailed.class),
  /** {@link PartnerReferralSent}. */
  PARTNER_REFERRAL_SENT(PartnerReferralSent.class),
  /** {@link DecisionFailed}. */
  DECISION_FAILED(DecisionFailed.class),
  /** {@link DecisionRecovered}. */
  DECISION_RECOVERED(DecisionRecovered.class);

  private final Class<? extends ReferralEvent> eventClass;

  EventType(Class<? extends ReferralEvent> eventClass) {
    this.eventClass = eventClass;
  }

  /** The event record class of this type. */
  public Class<? extends ReferralEvent> eventClass() {
    return eventClass;
  }

  /** The type of {@code eventClass}. */
  public static EventType of(Class<? extends ReferralEvent> eventClass) {
    Objects.requireNonNull(eventClass, "eventClass");
    for (EventType type : values()) {
      if (type.eventClass == eventClass) {
        return type;
      }
    }
    throw new IllegalArgumentException("not an event class: " + eventClass.getName());
  }
}
