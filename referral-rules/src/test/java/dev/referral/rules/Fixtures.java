package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;

import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.EventType;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.testing.TestData;

/** Shared values for the tests of this package. */
final class Fixtures {
  static final Referrer ANNA = TestData.customer("anna");
  static final Referrer PARTNER = TestData.partner("acme");
  static final Lead LEAD = TestData.leadOf(ANNA);
  static final Incentive THANKS = Incentive.thankYou("Thank you!");
  static final Incentive GIFT_CARD = Incentive.giftCard(Money.of(25, "EUR"));

  private Fixtures() {}

  static LeadConverted converted(long amount) {
    return TestData.converted(LEAD, Money.of(amount, "EUR"));
  }

  static PolicyContext context(Referrer referrer, Lead lead, ReferrerStats stats) {
    return PolicyContext.builder(TestData.NOW).referrer(referrer).lead(lead).stats(stats).build();
  }

  static PolicyContext context() {
    return context(ANNA, LEAD, ReferrerStats.ZERO);
  }

  /** Whether a rule on the event's type with {@code condition} fires. */
  static boolean fires(Condition condition, ReferralEvent event, PolicyContext context) {
    return !engine(condition, event.type()).decide(event, context).isEmpty();
  }

  static boolean fires(Condition condition, ReferralEvent event) {
    return fires(condition, event, context());
  }

  static RuleEngine engine(Condition condition, EventType type) {
    return RuleEngine.of(
        RuleSet.builder("test")
            .rule(Rules.rule("r").on(type).when(condition).grantReferrer(THANKS))
            .build());
  }

  static RuleEngine engine(Condition condition) {
    return engine(condition, LEAD_CONVERTED);
  }
}
