package dev.referral.core.store;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.Conversion;
import dev.referral.core.Engagement;
import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Incentive;
import dev.referral.core.IssuedCode;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.OrderRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Valid stored values for store tests, built directly (not through a program) so that every field a
 * store must keep is set. Public so that users' own store tests can use them.
 */
public final class StoreSamples {

  /** The time every sample is built around. */
  public static final Instant T0 = Instant.parse("2030-03-15T10:00:00Z");

  private StoreSamples() {}

  /** {@link #T0} plus {@code hours}. */
  public static Instant at(long hours) {
    return T0.plusSeconds(hours * 3600);
  }

  /** An active customer referrer with one code {@code code}, at version 1. */
  public static Referrer referrer(String id, String code) {
    return new Referrer(
        ReferrerId.of(id),
        ReferrerKind.CUSTOMER,
        ReferrerStatus.ACTIVE,
        "Referrer " + id,
        Optional.of(id.toLowerCase(java.util.Locale.ROOT) + "@example.com"),
        Optional.of("+4930123456"),
        Optional.of("cust-" + id),
        true,
        List.of(IssuedCode.active(ReferralCode.parse(code), T0)),
        T0,
        Optional.empty(),
        Engagement.NONE,
        1);
  }

  /** A lead just referred by {@code referrerId} at {@code referredAt}, open for 30 days. */
  public static Lead lead(String id, String referrerId, Instant referredAt) {
    return new Lead(
        LeadId.of(id),
        Optional.of(ReferrerId.of(referrerId)),
        Optional.empty(),
        Prospect.withEmail(
            "Prospect " + id, id.toLowerCase(java.util.Locale.ROOT) + "@example.org"),
        "link",
        LeadStatus.REFERRED,
        Optional.empty(),
        referredAt,
        referredAt.plusSeconds(30L * 24 * 3600),
        Optional.empty(),
        List.of(LeadTransition.initial(LeadStatus.REFERRED, referredAt, "referred")),
        1);
  }

  /** A rejected lead (it holds no prospect). */
  public static Lead rejectedLead(String id, String referrerId, Instant referredAt) {
    return new Lead(
        LeadId.of(id),
        Optional.of(ReferrerId.of(referrerId)),
        Optional.empty(),
        Prospect.withEmail(
            "Prospect " + id, id.toLowerCase(java.util.Locale.ROOT) + "@example.org"),
        "link",
        LeadStatus.REJECTED,
        Optional.of(new Rejection(RejectionReason.ALREADY_REFERRED, "held elsewhere")),
        referredAt,
        referredAt.plusSeconds(30L * 24 * 3600),
        Optional.empty(),
        List.of(LeadTransition.initial(LeadStatus.REJECTED, referredAt, "rejected")),
        1);
  }

  /** {@code lead} converted by order {@code orderId} at {@code at}. */
  public static Lead converted(Lead lead, String orderId, Instant at) {
    return lead.convert(new Conversion(OrderId.of(orderId), Money.of(80, "EUR"), at), "bought");
  }

  /** A granted, issued reward for the referrer worth {@code amount} EUR, at version 1. */
  public static Reward reward(String id, String key, String referrerId, long amount, Instant at) {
    return reward(id, key, referrerId, Optional.empty(), Optional.empty(), amount, at);
  }

  /** A reward like {@link #reward(String, String, String, long, Instant)} for a lead and order. */
  public static Reward reward(
      String id,
      String key,
      String referrerId,
      Optional<String> leadId,
      Optional<String> orderId,
      long amount,
      Instant at) {
    Money value = Money.of(amount, "EUR");
    return new Reward(
        RewardId.of(id),
        key,
        ReferrerId.of(referrerId),
        leadId.map(LeadId::of),
        Beneficiary.REFERRER,
        Incentive.credit(value),
        Optional.of(value),
        "double-sided offer",
        RewardStatus.ISSUED,
        orderId.map(OrderId::of),
        at,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.of(at.plusSeconds(90L * 24 * 3600)),
        Optional.of(at),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        1);
  }

  /** A PENDING reward held until {@code holdUntil}, needing approval if {@code approval}. */
  public static Reward pendingReward(
      String id, String referrerId, Instant at, Instant holdUntil, boolean approval) {
    Money value = Money.of(5, "EUR");
    return new Reward(
        RewardId.of(id),
        "pending-" + id,
        ReferrerId.of(referrerId),
        Optional.empty(),
        Beneficiary.REFERRER,
        Incentive.giftCard(value),
        Optional.of(value),
        "held",
        RewardStatus.PENDING,
        Optional.empty(),
        at,
        Optional.of(holdUntil),
        approval,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        1);
  }

  /** A PENDING follow-up to the referrer, due at {@code dueAt}, at version 1. */
  public static FollowUp followUp(String id, String key, String referrerId, Instant dueAt) {
    return followUp(id, key, referrerId, Optional.empty(), dueAt);
  }

  /** A PENDING follow-up about a lead, due at {@code dueAt}, at version 1. */
  public static FollowUp followUp(
      String id, String key, String referrerId, Optional<String> leadId, Instant dueAt) {
    return new FollowUp(
        FollowUpId.of(id),
        key,
        FollowUpKind.THANK_YOU,
        Audience.REFERRER,
        ReferrerId.of(referrerId),
        leadId.map(LeadId::of),
        Channel.EMAIL,
        dueAt,
        FollowUpStatus.PENDING,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "follow-up policy",
        Map.of("greeting", "Hello", "offer", "10 EUR"),
        T0,
        1);
  }

  /** An order converting {@code leadId}, at version 1. */
  public static OrderRecord order(String orderId, String leadId, Instant at) {
    return new OrderRecord(
        OrderId.of(orderId),
        LeadId.of(leadId),
        Money.of("80.00", "EUR"),
        at,
        OrderRecord.Kind.CONVERSION,
        List.of(),
        1);
  }

  /** A new decision failure for event {@code eventId}. */
  public static DecisionFailure failure(String eventId, Instant at) {
    return new DecisionFailure(EventId.of(eventId), "rule-1", "boom", at, 1, false, 1);
  }

  /** An event of a few kinds, by {@code n}: referred, converted or reward granted. */
  public static ReferralEvent event(String id, int n, Instant at) {
    return switch (n % 3) {
      case 0 ->
          new LeadReferred(
              EventId.of(id),
              at,
              LeadId.of("L-" + n),
              ReferrerId.of("R-1"),
              ReferralCode.parse("ABCD2345"),
              "link");
      case 1 ->
          new LeadConverted(
              EventId.of(id),
              at,
              LeadId.of("L-" + n),
              ReferrerId.of("R-1"),
              LeadStatus.QUALIFIED,
              dev.referral.core.Purchase.of("order-" + n, Money.of("12.34", "EUR"), at));
      default ->
          new RewardGranted(
              EventId.of(id),
              at,
              RewardId.of("W-" + n),
              EventId.of("E-cause"),
              ReferrerId.of("R-1"),
              Optional.of(LeadId.of("L-" + n)),
              Beneficiary.PROSPECT,
              Incentive.percentDiscount("12.5"),
              Optional.empty(),
              "offer",
              RewardStatus.ISSUED);
    };
  }
}
