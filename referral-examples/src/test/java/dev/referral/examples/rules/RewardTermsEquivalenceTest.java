package dev.referral.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.testing.TestData;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** The rule file and the Java DSL state the same terms: same rule set, same decisions. */
class RewardTermsEquivalenceTest {
  private static final RuleEngine JSON = RuleEngine.of(RewardTerms.fromJson());
  private static final RuleEngine DSL = RuleEngine.of(RewardTerms.inJava());

  /** The events the terms may see. */
  enum Step {
    REFERRED,
    CONTACTED,
    CONVERTED,
    REPEAT_PURCHASE
  }

  @Test
  void givenBothFrontEnds_whenBuilt_thenTheRuleSetsAreEqual() {
    assertEquals(RewardTerms.inJava(), RewardTerms.fromJson());
  }

  @Property(tries = 500)
  void givenAnyReferrerLeadAndEvent_whenBothDecide_thenTheyDecideAlike(
      @ForAll ReferrerKind kind,
      @ForAll boolean existingCustomer,
      @ForAll Step step,
      @ForAll @BigRange(min = "0.01", max = "400") @Scale(2) BigDecimal amount,
      @ForAll @IntRange(min = 0, max = 8) int conversions) {
    Referrer referrer = TestData.referrer("ref", kind);
    Lead lead = TestData.leadOf(referrer);
    if (existingCustomer) {
      lead = TestData.existingCustomer(lead);
    }
    Money order = Money.of(amount.toPlainString(), "EUR");
    ReferralEvent event =
        switch (step) {
          case REFERRED -> TestData.referred(lead);
          case CONTACTED -> TestData.moved(lead, LeadStatus.CONTACTED);
          case CONVERTED -> TestData.converted(lead, order);
          case REPEAT_PURCHASE -> TestData.repeatPurchase(lead, "order-2", order);
        };
    PolicyContext context =
        PolicyContext.builder(TestData.NOW)
            .referrer(referrer)
            .lead(lead)
            .stats(ReferrerStats.ofConversions(conversions, conversions, conversions))
            .build();

    List<Decision> fromJson = JSON.decide(event, context);

    assertEquals(fromJson, DSL.decide(event, context));
  }
}
