package dev.referral.examples.bench;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.LEAD_MOVED;
import static dev.referral.core.event.EventType.LEAD_REFERRED;
import static dev.referral.core.event.EventType.REFERRER_ENROLLED;
import static dev.referral.core.event.EventType.REPEAT_PURCHASE;
import static dev.referral.core.event.EventType.REWARD_ISSUED;
import static dev.referral.rules.Rules.always;
import static dev.referral.rules.Rules.event;
import static dev.referral.rules.Rules.lead;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;

import dev.referral.core.Audience;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferrerKind;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.Notifier;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.RuleSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Programs for the end-to-end and memory benchmarks: a shop's 20 rules, in memory. */
final class ShopPrograms {
  /** The benchmarks' start time: a Wednesday. */
  static final Instant START = Instant.parse("2025-03-12T09:00:00Z");

  static final Money EUR_80 = Money.of(80, "EUR");

  private ShopPrograms() {}

  /** A realistic programme of 20 rules: intake, nurturing, double-sided rewards, partners. */
  static RuleSet shopRules() {
    return RuleSet.builder("shop programme")
        .rule(
            rule("contact the lead")
                .on(LEAD_REFERRED)
                .when(always())
                .followUp(FollowUpKind.CONTACT_LEAD, Audience.PROSPECT, Duration.ZERO))
        .rule(
            rule("thank newsletter referrers")
                .on(LEAD_REFERRED)
                .when(lead().source().isEqualTo("newsletter"))
                .followUp(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofHours(1)))
        .rule(
            rule("nurture the lead")
                .on(LEAD_REFERRED)
                .when(always())
                .followUp(FollowUpKind.NURTURE_LEAD, Audience.PROSPECT, Duration.ofDays(7)))
        .rule(
            rule("tell the referrer: qualified")
                .on(LEAD_MOVED)
                .when(lead().status().isEqualTo(LeadStatus.QUALIFIED))
                .followUp(FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, Duration.ZERO))
        .rule(
            rule("stop on lost")
                .on(LEAD_MOVED)
                .when(lead().status().isEqualTo(LeadStatus.LOST))
                .cancelLeadFollowUps())
        .rule(
            rule("referrer credit")
                .on(LEAD_CONVERTED)
                .when(order().amount().isAtLeast(Money.of(30, "EUR")))
                .grantReferrer(Incentive.credit(Money.of(10, "EUR"))))
        .rule(
            rule("friend discount")
                .on(LEAD_CONVERTED)
                .when(order().isFirstOrder())
                .grantProspect(Incentive.percentDiscount("10")))
        .rule(
            rule("partner commission")
                .priority(10)
                .on(LEAD_CONVERTED)
                .when(
                    referrer()
                        .kind()
                        .isEqualTo(ReferrerKind.PARTNER)
                        .and(order().amount().isGreaterThan(Money.of(200, "EUR"))))
                .grantReferrer(Incentive.commission("10"))
                .heldFor(Duration.ofDays(30)))
        .rule(
            rule("third conversion bonus")
                .on(LEAD_CONVERTED)
                .when(referrer().lifetimeConversions().isEqualTo(3))
                .grantReferrer(Incentive.giftCard(Money.of(25, "EUR"))))
        .rule(
            rule("big order gift")
                .on(LEAD_CONVERTED)
                .when(order().amount().isAtLeast(Money.of(1000, "EUR")))
                .grantReferrer(Incentive.gift("a bottle of wine"))
                .requiringApproval())
        .rule(
            rule("tell the referrer: converted")
                .on(LEAD_CONVERTED)
                .when(always())
                .followUp(FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, Duration.ZERO))
        .rule(
            rule("ask customers again")
                .on(LEAD_CONVERTED)
                .when(referrer().kind().isEqualTo(ReferrerKind.CUSTOMER))
                .followUp(FollowUpKind.ASK_FOR_REFERRALS, Audience.REFERRER, Duration.ofDays(30)))
        .rule(
            rule("busy month thanks")
                .on(LEAD_CONVERTED)
                .when(referrer().conversionsThisMonth().isAtLeast(50))
                .grantReferrer(Incentive.thankYou("You are on fire this month!")))
        .rule(
            rule("garden points")
                .on(LEAD_CONVERTED)
                .when(order().categories().containsAnyOf("garden"))
                .grantReferrer(Incentive.points(50)))
        .rule(
            rule("weekend points")
                .on(LEAD_CONVERTED)
                .when(event().dayOfWeek().isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
                .grantReferrer(Incentive.points(10)))
        .rule(
            rule("partner repeat commission")
                .on(REPEAT_PURCHASE)
                .when(referrer().kind().isEqualTo(ReferrerKind.PARTNER))
                .grantReferrer(Incentive.commission("5")))
        .rule(
            rule("repeat points")
                .on(REPEAT_PURCHASE)
                .when(order().amount().isAtLeast(Money.of(100, "EUR")))
                .grantReferrer(Incentive.points(20)))
        .rule(
            rule("reward notice")
                .on(REWARD_ISSUED)
                .when(always())
                .followUp(FollowUpKind.REWARD_NOTICE, Audience.REFERRER, Duration.ZERO))
        .rule(
            rule("onboarding")
                .on(REFERRER_ENROLLED)
                .when(always())
                .followUp(FollowUpKind.ONBOARDING, Audience.REFERRER, Duration.ZERO))
        .rule(
            rule("thank partners yearly")
                .on(LEAD_CONVERTED)
                .when(
                    referrer()
                        .kind()
                        .isEqualTo(ReferrerKind.PARTNER)
                        .and(referrer().conversionsThisYear().isEqualTo(100)))
                .grantReferrer(Incentive.gift("a hamper")))
        .build();
  }

  /** A program with the in-memory store, {@code policy}, {@code clock} and {@code notifier}. */
  static ReferralProgram program(ReferralPolicy policy, Clock clock, Notifier notifier) {
    return program(new InMemoryReferralStore(), policy, clock, notifier);
  }

  /** A program with {@code store}, {@code policy}, {@code clock} and {@code notifier}. */
  static ReferralProgram program(
      ReferralStore store, ReferralPolicy policy, Clock clock, Notifier notifier) {
    return ReferralProgram.builder()
        .store(store)
        .policy(policy)
        .clock(clock)
        .notifier(notifier)
        .build();
  }

  /** The shop programme with a notifier that drops everything. */
  static ReferralProgram shop(Clock clock) {
    return program(RuleEngine.of(shopRules()), clock, n -> {});
  }

  /** Enrols {@code count} referrers, one in four a partner, and returns their codes. */
  static List<String> enrol(ReferralProgram program, int count) {
    List<String> codes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Enrolment.Builder who =
          i % 4 == 3 ? Enrolment.partner("Partner " + i) : Enrolment.customer("Customer " + i);
      codes.add(
          program
              .enrol(who.email("referrer" + i + "@example.com").consentToContact(true).build())
              .primaryCode()
              .value());
    }
    return codes;
  }

  /** The source of the {@code n}th referral: a quarter of them from the newsletter. */
  static String source(long n) {
    return n % 4 == 0 ? "newsletter" : "link";
  }
}
