package dev.referral.rules;

import static dev.referral.core.Incentive.commission;
import static dev.referral.core.Incentive.giftCard;
import static dev.referral.core.ReferrerKind.PARTNER;
import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.REPEAT_PURCHASE;
import static dev.referral.rules.Rules.allOf;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Enrolment;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.policy.FollowUpPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules samples of the README: the DSL sample and its JSON twin decide the same terms. */
class ReadmeRulesTest {

  @Test
  void
      givenTheReadmeSamples_whenLoadedAndRun_thenTheJsonEqualsTheDslAndThePartnerEarnsACommission() {
    RuleSet rules =
        RuleSet.builder("spring programme")
            .rule(
                rule("third referral bonus")
                    .on(LEAD_CONVERTED)
                    .when(referrer().lifetimeConversions().isEqualTo(3))
                    .grantReferrer(giftCard(Money.of(25, "EUR"))))
            .rule(
                rule("partner commission")
                    .on(LEAD_CONVERTED, REPEAT_PURCHASE)
                    .when(
                        allOf(
                            referrer().kind().isEqualTo(PARTNER),
                            order().amount().isGreaterThan(Money.of(200, "EUR"))))
                    .grantReferrer(commission("10"))
                    .heldFor(Duration.ofDays(30))
                    .requiringApproval())
            .build();
    ReferralProgram program =
        ReferralProgram.builder()
            .policy(RuleEngine.of(rules).and(FollowUpPolicy.ofDefaults()))
            .build();

    assertEquals(rules, RuleSetJson.read(Path.of("src/test/resources/rules/readme-example.json")));
    Referrer acme = program.enrol(Enrolment.partner("Acme").email("acme@example.com").build());
    Lead lead =
        program.refer(acme.primaryCode().value(), Prospect.withEmail("Bo", "bo@example.com"));
    program.convert(lead.id(), Purchase.of("o-1", Money.of(250, "EUR"), program.clock().instant()));
    Reward commission = program.rewardsOf(acme.id()).get(0);
    assertEquals("partner commission", commission.reason());
    assertEquals(RewardStatus.PENDING, commission.status());
  }
}
