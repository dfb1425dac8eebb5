package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.rules.Rules.condition;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ConversionResult;
import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.RetrySummary;
import dev.referral.core.Reward;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.DecisionRecovered;
import dev.referral.core.testing.SettableClock;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 8: a rule whose lambda condition throws never blocks a conversion and never loses it. */
class ThrowingRuleRetryTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final SettableClock clock = SettableClock.at(START);

  /** What the flaky condition does: null to hold, else the exception to throw. */
  private final AtomicReference<Exception> outage =
      new AtomicReference<>(new IllegalStateException("fraud service down"));

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private final RuleSet rules =
      RuleSet.builder("terms")
          .rule(
              rule("vip bonus")
                  .on(LEAD_CONVERTED)
                  .when(
                      condition(
                          "the CRM says the referrer is a VIP",
                          (event, context) -> {
                            Exception e = outage.get();
                            if (e != null) {
                              throw sneaky(e);
                            }
                            return true;
                          }))
                  .grantReferrer(Incentive.giftCard(Money.of(30, "EUR"))))
          .rule(
              rule("referrer credit")
                  .on(LEAD_CONVERTED)
                  .grantReferrer(Incentive.credit(Money.of(10, "EUR"))))
          .build();

  private final ReferralProgram program =
      ReferralProgram.builder().clock(clock).policy(RuleEngine.of(rules)).build();

  private List<String> reasons(Referrer referrer) {
    return program.rewardsOf(referrer.id()).stream().map(Reward::reason).sorted().toList();
  }

  private <E> List<E> events(Class<E> type) {
    return program.events(START, START.plusSeconds(3600)).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  @Test
  void givenAThrowingRule_whenFixedAndRetried_thenItsRewardIsGrantedExactlyOnce() {
    // given
    Referrer anna = program.enrol(Enrolment.customer("Anna").email("anna@example.com").build());
    Lead lead = program.refer(anna.primaryCode().value(), Prospect.withEmail("B", "b@example.com"));
    Purchase order = Purchase.of("order-1", Money.of(80, "EUR"), clock.instant());
    // when the rule throws during the conversion
    ConversionResult result = program.convert(lead.id(), order);
    // then the checkout is not blocked, the other rule applies and the failure names the rule
    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
    assertEquals(LeadStatus.CONVERTED, program.lead(lead.id()).status());
    assertEquals(List.of("referrer credit"), reasons(anna));
    assertEquals("vip bonus", events(DecisionFailed.class).get(0).policy());
    // and retrying while the rule still throws (now a checked exception) keeps the failure
    outage.set(new IOException("crm timeout"));
    assertEquals(new RetrySummary(0, 1), program.retryFailedDecisions());
    assertTrue(events(DecisionFailed.class).get(1).error().contains("crm timeout"));
    // when the rule is fixed, retries and a replayed order grant the missing reward once
    outage.set(null);
    assertEquals(new RetrySummary(1, 0), program.retryFailedDecisions());
    assertEquals(new RetrySummary(0, 0), program.retryFailedDecisions());
    assertTrue(program.convert(lead.id(), order).replayed());
    // then
    assertEquals(List.of("referrer credit", "vip bonus"), reasons(anna));
    assertEquals(1, events(DecisionRecovered.class).size());
    assertEquals("vip bonus", events(DecisionRecovered.class).get(0).policy());
  }

  @Test
  void givenACountingRuleThatFailed_whenRetriedAfterLaterConversions_thenItDecidesOnTheOldCounts() {
    // given a bonus for the third conversion whose rule throws while the CRM is down
    RuleSet third =
        RuleSet.builder("milestones")
            .rule(
                rule("third conversion bonus")
                    .on(LEAD_CONVERTED)
                    .when(
                        Rules.allOf(
                            referrer().lifetimeConversions().isEqualTo(3),
                            condition(
                                "the CRM is up",
                                (event, context) -> {
                                  if (outage.get() != null) {
                                    throw sneaky(outage.get());
                                  }
                                  return true;
                                })))
                    .grantReferrer(Incentive.giftCard(Money.of(50, "EUR"))))
            .build();
    ReferralProgram milestones =
        ReferralProgram.builder().clock(clock).policy(RuleEngine.of(third)).build();
    Referrer anna = milestones.enrol(Enrolment.customer("Anna").email("anna@example.com").build());
    for (int i = 1; i <= 4; i++) {
      if (i == 3) {
        outage.set(new IllegalStateException("crm down"));
      } else {
        outage.set(null);
      }
      clock.advance(java.time.Duration.ofMinutes(1));
      Lead lead =
          milestones.refer(
              anna.primaryCode().value(), Prospect.withEmail("F" + i, "f" + i + "@example.com"));
      clock.advance(java.time.Duration.ofMinutes(1));
      milestones.convert(
          lead.id(), Purchase.of("order-" + i, Money.of(40, "EUR"), clock.instant()));
    }
    // when the fourth conversion came before the retry
    outage.set(null);
    assertEquals(new RetrySummary(1, 0), milestones.retryFailedDecisions());
    // then the rule decided on the counts of the third conversion: the bonus is granted once
    List<Reward> rewards = milestones.rewardsOf(anna.id());
    assertEquals(1, rewards.size(), rewards::toString);
    assertEquals("third conversion bonus", rewards.get(0).reason());
  }
}
