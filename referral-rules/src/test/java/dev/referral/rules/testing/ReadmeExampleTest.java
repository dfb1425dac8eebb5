package dev.referral.rules.testing;

import static dev.referral.core.Incentive.giftCard;
import static dev.referral.rules.testing.RuleFixture.referrerGets;

import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.rules.RuleSet;
import dev.referral.rules.RuleSetJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The test-kit example of the README, compiled and run. */
class ReadmeExampleTest {

  @Test
  void thirdReferralEarnsAGiftCard() {
    RuleSet rules = RuleSetJson.read(Path.of("src/test/resources/rules/spring-programme.json"));
    Referrer anna = TestData.customer("anna");
    Lead lead = TestData.leadOf(anna);
    RuleFixture.of(rules)
        .given(anna, lead)
        .givenStats(ReferrerStats.ofConversions(1, 3, 3))
        .when(TestData.converted(lead, Money.of(80, "EUR")))
        .expectRewards(referrerGets(giftCard(Money.of(25, "EUR"))));
  }
}
