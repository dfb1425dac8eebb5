package dev.referral.rules.testing;

import static dev.referral.core.Incentive.giftCard;
import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.LEAD_REFERRED;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static dev.referral.rules.testing.RuleFixture.followUp;
import static dev.referral.rules.testing.RuleFixture.prospectGets;
import static dev.referral.rules.testing.RuleFixture.referrerGets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Audience;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.policy.GrantReward;
import dev.referral.rules.RuleSet;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleFixtureTest {
  private static final Money EUR_25 = Money.of(25, "EUR");

  private static final RuleSet RULES =
      RuleSet.builder("terms")
          .rule(
              rule("third referral bonus")
                  .on(LEAD_CONVERTED)
                  .when(referrer().lifetimeConversions().isEqualTo(3))
                  .grantReferrer(giftCard(EUR_25))
                  .heldFor(Duration.ofDays(14)))
          .rule(
              rule("big order thanks")
                  .priority(5)
                  .on(LEAD_CONVERTED)
                  .when(order().amount().isGreaterThan(Money.of(100, "EUR")))
                  .followUp(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofDays(1)))
          .rule(rule("welcome").on(LEAD_REFERRED).grantProspect(Incentive.percentDiscount("10")))
          .build();

  private final Referrer anna = TestData.customer("anna");
  private final Lead lead = TestData.leadOf(anna);

  private RuleFixture.Result convertedWith(long conversions, long amount) {
    return RuleFixture.of(RULES)
        .given(anna, lead)
        .givenStats(ReferrerStats.ofConversions(conversions, conversions, conversions))
        .when(TestData.converted(lead, Money.of(amount, "EUR")));
  }

  @Nested
  class Passing {
    @Test
    void givenTheThirdConversion_whenConverted_thenTheGiftCardIsExpected() {
      convertedWith(3, 50)
          .expectRewards(referrerGets(giftCard(EUR_25)).byRule("third referral bonus"))
          .expectRewards(referrerGets(giftCard(EUR_25)).heldFor(Duration.ofDays(14)))
          .expectNoFollowUps()
          .expectFired("third referral bonus");
    }

    @Test
    void givenABigOrder_whenConverted_thenTheThankYouIsDueADayLater() {
      convertedWith(1, 150)
          .expectNoRewards()
          .expectFollowUps(
              followUp(FollowUpKind.THANK_YOU, Audience.REFERRER).after(Duration.ofDays(1)));
    }

    @Test
    void givenAHistoryOfTwoConversions_whenTheThirdConverts_thenTheCountsIncludeIt() {
      Lead first = TestData.lead("lead-a", anna, "link", TestData.NOW.minus(Duration.ofDays(9)));
      Lead second = TestData.lead("lead-b", anna, "link", TestData.NOW.minus(Duration.ofDays(8)));
      RuleFixture.of(RULES)
          .given(anna, lead)
          .givenHistory(
              TestData.converted(first, Money.of(10, "EUR")),
              TestData.converted(second, Money.of(10, "EUR")))
          .when(TestData.converted(lead, Money.of(10, "EUR")))
          .expectDecisions(
              GrantReward.toReferrer(giftCard(EUR_25), "third referral bonus")
                  .heldFor(Duration.ofDays(14)));
    }

    @Test
    void givenAReferral_whenReferred_thenTheProspectGetsTheDiscount() {
      RuleFixture.of(RULES)
          .given(anna, lead)
          .when(TestData.referred(lead))
          .expectRewards(prospectGets(Incentive.percentDiscount("10")));
    }
  }

  @Nested
  class FailureMessages {
    @Test
    void givenTheSecondConversion_whenTheGiftCardIsExpected_thenTheMessageExplainsEachRule() {
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () -> convertedWith(2, 50).expectRewards(referrerGets(giftCard(EUR_25))));
      assertEquals(
          """
          expected rewards:
            REFERRER gets a 25.00 EUR gift card
          but the rules gave:
            none
          why:
            rule set 'terms' on LEAD_CONVERTED E-lead-of-anna-converted-order-of-lead-of-anna at 2025-03-14T10:00:00Z
              NOT_MATCHED    'big order thanks' (priority 5): condition did not hold
                  order.amount greater 100.00 EUR -> FALSE (read 50.00 EUR)
              NOT_MATCHED    'third referral bonus': condition did not hold
                  referrer.lifetimeConversions equal 3 -> FALSE (read 2)
              NOT_APPLICABLE 'welcome': applies to [LEAD_REFERRED], not LEAD_CONVERTED
              decisions: none""",
          e.getMessage());
    }

    @Test
    void givenABigThirdOrder_whenNothingIsExpected_thenTheMessageListsWhatWasDecided() {
      AssertionError e =
          assertThrows(AssertionError.class, () -> convertedWith(3, 150).expectNothing());
      assertEquals(
          """
          expected decisions:
            none
          but the rules gave:
            follow up THANK_YOU to REFERRER at 2025-03-15T10:00:00Z by EMAIL [big order thanks]
            grant REFERRER a 25.00 EUR gift card, held PT336H [third referral bonus]
          why:
            rule set 'terms' on LEAD_CONVERTED E-lead-of-anna-converted-order-of-lead-of-anna at 2025-03-14T10:00:00Z
              FIRED          'big order thanks' (priority 5): condition held
                  order.amount greater 100.00 EUR -> TRUE (read 150.00 EUR)
                  => follow up THANK_YOU to REFERRER at 2025-03-15T10:00:00Z by EMAIL [big order thanks]
              FIRED          'third referral bonus': condition held
                  referrer.lifetimeConversions equal 3 -> TRUE (read 3)
                  => grant REFERRER a 25.00 EUR gift card, held PT336H [third referral bonus]
              NOT_APPLICABLE 'welcome': applies to [LEAD_REFERRED], not LEAD_CONVERTED
              decisions: follow up THANK_YOU to REFERRER at 2025-03-15T10:00:00Z by EMAIL [big order thanks]; grant REFERRER a 25.00 EUR gift card, held PT336H [third referral bonus]""",
          e.getMessage());
    }

    @Test
    void givenAGiftCardByAnotherRule_whenARuleIsExpected_thenTheMessageNamesIt() {
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () ->
                  convertedWith(3, 50)
                      .expectRewards(referrerGets(giftCard(EUR_25)).byRule("loyalty")));
      String message = e.getMessage();
      assertEquals(
          """
          expected rewards:
            REFERRER gets a 25.00 EUR gift card by rule 'loyalty'
          but the rules gave:
            grant REFERRER a 25.00 EUR gift card, held PT336H [third referral bonus]""",
          message.substring(0, message.indexOf("\nwhy:")));
    }

    @Test
    void givenOtherRulesFired_whenFiredRulesAreExpected_thenTheMessageListsBoth() {
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () -> convertedWith(3, 150).expectFired("third referral bonus"));
      String message = e.getMessage();
      assertEquals(
          """
          expected rules to fire:
            third referral bonus
          but the rules gave:
            big order thanks
            third referral bonus""",
          message.substring(0, message.indexOf("\nwhy:")));
    }

    @Test
    void givenNoFollowUp_whenOneIsExpected_thenTheMessageShowsTheExpectedFollowUp() {
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () ->
                  convertedWith(1, 50)
                      .expectFollowUps(
                          followUp(FollowUpKind.THANK_YOU, Audience.REFERRER)
                              .after(Duration.ofDays(1))));
      String message = e.getMessage();
      assertEquals(
          """
          expected follow-ups:
            THANK_YOU to REFERRER after PT24H
          but the rules gave:
            none""",
          message.substring(0, message.indexOf("\nwhy:")));
    }
  }

  @Nested
  class Misuse {
    @Test
    void givenStats_whenHistoryIsAlsoGiven_thenTheFixtureRefuses() {
      RuleFixture fixture = RuleFixture.of(RULES).givenStats(ReferrerStats.ZERO);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> fixture.givenHistory());
      assertEquals("givenStats and givenHistory exclude each other", e.getMessage());
    }

    @Test
    void givenHistoryWithoutAReferrer_whenEvaluated_thenTheFixtureRefuses() {
      RuleFixture fixture = RuleFixture.of(RULES).given(lead).givenHistory();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> fixture.when(TestData.converted(lead, Money.of(1, "EUR"))));
      assertEquals("givenHistory needs the referrer: call given(referrer)", e.getMessage());
    }

    @Test
    void givenNullArguments_whenUsed_thenTheArgumentIsNamed() {
      assertEquals(
          "ruleSet",
          assertThrows(NullPointerException.class, () -> RuleFixture.of((RuleSet) null))
              .getMessage());
      assertEquals(
          "event",
          assertThrows(NullPointerException.class, () -> RuleFixture.of(RULES).when(null))
              .getMessage());
    }
  }
}
