package dev.referral.core.json;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Refund;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.CodeIssued;
import dev.referral.core.event.CodeRetired;
import dev.referral.core.event.ConsentChanged;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.DecisionRecovered;
import dev.referral.core.event.EventType;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadFlagged;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.LeadRejected;
import dev.referral.core.event.OrderRefunded;
import dev.referral.core.event.PartnerReferralSent;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.ReferrerEnrolled;
import dev.referral.core.event.ReferrerStatusChanged;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.event.RewardApproved;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardExpired;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.RewardRedeemed;
import dev.referral.core.event.RewardRevoked;
import dev.referral.core.event.SatisfactionRecorded;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One hand-written event per {@link EventType}, as a program would emit it. The switch has no
 * default, so a new event type does not compile until it has a sample here.
 */
public final class SampleEvents {
  /** The time of every sample. */
  public static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");

  private static final EventId ID = EventId.of("E-1");
  private static final ReferrerId REFERRER = ReferrerId.of("R-7");
  private static final LeadId LEAD = LeadId.of("L-42");
  private static final RewardId REWARD = RewardId.of("W-3");
  private static final ReferralCode CODE = ReferralCode.parse("ANNA2025");
  private static final Money ORDER = Money.of("120.00", "EUR");
  private static final Purchase PURCHASE =
      Purchase.of("O-1001", ORDER, AT.minusSeconds(5))
          .withItems(Set.of("SKU-2", "SKU-1"), Set.of("shoes"));

  private SampleEvents() {}

  /** A sample event of {@code type}, with every optional field present where it has one. */
  public static ReferralEvent of(EventType type) {
    return switch (type) {
      case REFERRER_ENROLLED ->
          new ReferrerEnrolled(ID, AT, REFERRER, ReferrerKind.CUSTOMER, CODE, true);
      case REFERRER_STATUS_CHANGED ->
          new ReferrerStatusChanged(
              ID, AT, REFERRER, ReferrerStatus.ACTIVE, ReferrerStatus.PAUSED, "on holiday");
      case CONSENT_CHANGED -> new ConsentChanged(ID, AT, REFERRER, false);
      case CODE_ISSUED -> new CodeIssued(ID, AT, REFERRER, CODE);
      case CODE_RETIRED -> new CodeRetired(ID, AT, REFERRER, CODE);
      case SATISFACTION_RECORDED -> new SatisfactionRecorded(ID, AT, REFERRER, 9);
      case LEAD_REFERRED -> new LeadReferred(ID, AT, LEAD, REFERRER, CODE, "newsletter");
      case LEAD_REJECTED ->
          new LeadRejected(
              ID,
              AT,
              LEAD,
              Optional.of(REFERRER),
              "anna-2025",
              new Rejection(RejectionReason.SELF_REFERRAL, "same email"));
      case LEAD_FLAGGED ->
          new LeadFlagged(ID, AT, LEAD, REFERRER, "shared-signal", "ip behind 3 friends");
      case LEAD_MOVED ->
          new LeadMoved(
              ID, AT, LEAD, REFERRER, LeadStatus.REFERRED, LeadStatus.CONTACTED, "called");
      case LEAD_CONVERTED ->
          new LeadConverted(ID, AT, LEAD, REFERRER, LeadStatus.QUALIFIED, PURCHASE);
      case REPEAT_PURCHASE -> new RepeatPurchase(ID, AT, LEAD, REFERRER, PURCHASE);
      case ORDER_REFUNDED ->
          new OrderRefunded(
              ID,
              AT,
              Refund.of("F-1", "O-1001", Money.of("20.00", "EUR"), AT, "damaged"),
              LEAD,
              REFERRER,
              ORDER,
              Money.of("20.00", "EUR"),
              true);
      case REWARD_GRANTED ->
          new RewardGranted(
              ID,
              AT,
              REWARD,
              EventId.of("E-0"),
              REFERRER,
              Optional.of(LEAD),
              Beneficiary.REFERRER,
              Incentive.credit(Money.of("12.50", "EUR")),
              Optional.of(Money.of("12.50", "EUR")),
              "double-sided",
              RewardStatus.ISSUED);
      case REWARD_DENIED ->
          new RewardDenied(
              ID,
              AT,
              REWARD,
              EventId.of("E-0"),
              REFERRER,
              Optional.of(LEAD),
              Beneficiary.PROSPECT,
              Incentive.percentDiscount("10"),
              Optional.empty(),
              "double-sided",
              LimitKind.PROGRAM_BUDGET);
      case REWARD_APPROVED ->
          new RewardApproved(ID, AT, REWARD, REFERRER, Optional.of(LEAD), "checked by Eva");
      case REWARD_ISSUED ->
          new RewardIssued(
              ID,
              AT,
              REWARD,
              REFERRER,
              Optional.of(LEAD),
              Beneficiary.REFERRER,
              new Incentive.FreeItem("SKU-9", 2, Optional.of(Money.of("4.99", "EUR"))),
              Optional.of(Money.of("9.98", "EUR")));
      case REWARD_REVOKED ->
          new RewardRevoked(
              ID,
              AT,
              REWARD,
              REFERRER,
              Optional.of(LEAD),
              Optional.of(Money.of("12.50", "EUR")),
              "order refunded");
      case REWARD_ADJUSTED ->
          new RewardAdjusted(
              ID,
              AT,
              REWARD,
              REFERRER,
              Optional.of(LEAD),
              Money.of("12.00", "EUR"),
              Money.of("10.00", "EUR"),
              "partial refund");
      case REWARD_REDEEMED -> new RewardRedeemed(ID, AT, REWARD, REFERRER, Optional.of(LEAD));
      case REWARD_EXPIRED -> new RewardExpired(ID, AT, REWARD, REFERRER, Optional.of(LEAD));
      case FOLLOW_UP_SENT ->
          new FollowUpSent(
              ID,
              AT,
              FollowUpId.of("F-5"),
              FollowUpKind.CONTACT_LEAD,
              Audience.PROSPECT,
              REFERRER,
              Optional.of(LEAD),
              1);
      case FOLLOW_UP_FAILED ->
          new FollowUpFailed(
              ID,
              AT,
              FollowUpId.of("F-5"),
              FollowUpKind.REMINDER,
              Audience.REFERRER,
              REFERRER,
              Optional.of(LEAD),
              5,
              "smtp: 550 mailbox unavailable");
      case PARTNER_REFERRAL_SENT -> new PartnerReferralSent(ID, AT, REFERRER, "sent Ben to Acme");
      case DECISION_FAILED ->
          new DecisionFailed(
              ID, AT, EventId.of("E-0"), Optional.of(REFERRER), "spring rules", "boom");
      case DECISION_RECOVERED ->
          new DecisionRecovered(ID, AT, EventId.of("E-0"), Optional.of(REFERRER), "spring rules");
    };
  }
}
