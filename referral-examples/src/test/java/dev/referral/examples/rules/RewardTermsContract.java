package dev.referral.examples.rules;

import static dev.referral.core.Incentive.commission;
import static dev.referral.core.Incentive.credit;
import static dev.referral.core.Incentive.giftCard;
import static dev.referral.core.Incentive.percentDiscount;
import static dev.referral.rules.testing.RuleFixture.prospectGets;
import static dev.referral.rules.testing.RuleFixture.referrerGets;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.rules.RuleSet;
import dev.referral.rules.testing.RuleFixture;
import dev.referral.rules.testing.TestData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tea shop's reward terms, tested with the rules test kit the way a shop would test its own
 * rules. Each front end (the rule file, the Java DSL) runs these tests through a subclass.
 */
abstract class RewardTermsContract {
  private static final Money EUR_10 = Money.of(10, "EUR");

  /** The terms under test. */
  abstract RuleSet terms();

  private final Referrer anna = TestData.customer("anna");
  private final Lead annasFriend = TestData.leadOf(anna);
  private final Referrer studio = TestData.partner("studio");
  private final Lead student = TestData.leadOf(studio);

  @Test
  void givenANewFriend_whenReferred_thenTheFriendGetsTenPercentOffForSixtyDays() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .when(TestData.referred(annasFriend))
        .expectRewards(
            prospectGets(percentDiscount("10"))
                .expiringAfter(Duration.ofDays(60))
                .byRule("friend welcome discount"));
  }

  @Test
  void givenAFriendWhoIsAlreadyACustomer_whenReferred_thenNobodyGetsAnything() {
    Lead existing = TestData.existingCustomer(annasFriend);

    RuleFixture.of(terms())
        .given(anna, existing)
        .when(TestData.referred(existing))
        .expectNoRewards();
  }

  @Test
  void givenAFriendsFirstOrderOfThirtyEuros_whenConverted_thenTheCustomerGetsTenEurosCredit() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .givenStats(ReferrerStats.ofConversions(1, 1, 1))
        .when(TestData.converted(annasFriend, Money.of(30, "EUR")))
        .expectRewards(referrerGets(credit(EUR_10)).byRule("customer credit"));
  }

  @Test
  void givenAnOrderUnderThirtyEuros_whenConverted_thenNoCredit() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .givenStats(ReferrerStats.ofConversions(1, 1, 1))
        .when(TestData.converted(annasFriend, Money.of("29.99", "EUR")))
        .expectNoRewards();
  }

  @Test
  void givenTheFifthConvertedFriend_whenConverted_thenTheCustomerGetsAGiftCardToo() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .givenStats(ReferrerStats.ofConversions(1, 5, 5))
        .when(TestData.converted(annasFriend, Money.of(80, "EUR")))
        .expectRewards(referrerGets(credit(EUR_10)), referrerGets(giftCard(Money.of(25, "EUR"))))
        .expectFired("customer credit", "fifth referral gift card");
  }

  @Test
  void givenTheSixthConvertedFriend_whenConverted_thenOnlyTheCredit() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .givenStats(ReferrerStats.ofConversions(2, 6, 6))
        .when(TestData.converted(annasFriend, Money.of(80, "EUR")))
        .expectRewards(referrerGets(credit(EUR_10)));
  }

  @Test
  void givenAPartnersStudent_whenTheyBuy_thenThePartnerEarnsTenPercentHeldForTheReturnWindow() {
    RuleFixture.of(terms())
        .given(studio, student)
        .givenStats(ReferrerStats.ofConversions(1, 1, 1))
        .when(TestData.converted(student, Money.of(150, "EUR")))
        .expectRewards(
            referrerGets(commission("10"))
                .heldFor(Duration.ofDays(14))
                .byRule("partner commission"))
        .expectFired("partner commission");
  }

  @Test
  void givenAPartnersStudent_whenTheyBuyAgain_thenThePartnerEarnsCommissionAgain() {
    RuleFixture.of(terms())
        .given(studio, student)
        .when(TestData.repeatPurchase(student, "order-2", Money.of(60, "EUR")))
        .expectRewards(referrerGets(commission("10")).heldFor(Duration.ofDays(14)));
  }

  @Test
  void givenACustomersFriend_whenTheyBuyAgain_thenNoMoreRewards() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .when(TestData.repeatPurchase(annasFriend, "order-2", Money.of(60, "EUR")))
        .expectNoRewards();
  }

  @Test
  void givenALeadStep_whenMoved_thenTheTermsDecideNothing() {
    RuleFixture.of(terms())
        .given(anna, annasFriend)
        .when(TestData.moved(annasFriend, LeadStatus.CONTACTED))
        .expectNothing();
  }

  @Test
  void givenAWrongExpectation_whenChecked_thenTheFailureExplainsWhyTheRuleDidNotFire() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                RuleFixture.of(terms())
                    .given(anna, annasFriend)
                    .givenStats(ReferrerStats.ofConversions(1, 1, 1))
                    .when(TestData.converted(annasFriend, Money.of(20, "EUR")))
                    .expectRewards(referrerGets(credit(EUR_10))));

    assertTrue(e.getMessage().contains("customer credit"), e.getMessage());
    assertTrue(e.getMessage().contains("order.amount"), e.getMessage());
  }
}
