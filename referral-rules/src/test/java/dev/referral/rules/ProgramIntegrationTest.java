package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.rules.Rules.condition;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Enrolment;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine as the program's policy, and the replay of the program's log. */
class ProgramIntegrationTest {
  private static final Instant START = Instant.parse("2025-03-10T10:00:00Z");

  private final SettableClock clock = SettableClock.at(START);
  private final InMemoryReferralStore store = new InMemoryReferralStore();

  private static final RuleSet OLD =
      RuleSet.builder("old terms")
          .rule(rule("referrer bonus").on(LEAD_CONVERTED).grantReferrer(credit(10)))
          .build();

  private static final RuleSet NEW =
      RuleSet.builder("new terms")
          .rule(
              rule("referrer bonus")
                  .on(LEAD_CONVERTED)
                  .when(order().amount().isAtLeast(Money.of(100, "EUR")))
                  .grantReferrer(credit(15)))
          .rule(
              rule("third referral bonus")
                  .on(LEAD_CONVERTED)
                  .when(referrer().lifetimeConversions().isEqualTo(3))
                  .grantReferrer(Incentive.giftCard(Money.of(25, "EUR"))))
          .build();

  private static Incentive credit(long amount) {
    return Incentive.credit(Money.of(amount, "EUR"));
  }

  private ReferralProgram program(RuleSet rules) {
    return ReferralProgram.builder()
        .store(store)
        .clock(clock)
        .policy(RuleEngine.of(rules).and(FollowUpPolicy.ofDefaults()))
        .build();
  }

  /** Anna refers three friends who buy for 50, 150 and 200 EUR. */
  private Referrer threeConversions(ReferralProgram program) {
    Referrer anna = program.enrol(Enrolment.customer("Anna").email("anna@example.com").build());
    long[] amounts = {50, 150, 200};
    for (int i = 0; i < amounts.length; i++) {
      clock.advance(Duration.ofHours(1));
      Lead lead =
          program.refer(
              anna.primaryCode().value(),
              Prospect.withEmail("Friend " + i, "friend" + i + "@example.com"));
      clock.advance(Duration.ofHours(1));
      program.convert(
          lead.id(), Purchase.of("order-" + i, Money.of(amounts[i], "EUR"), clock.instant()));
    }
    return anna;
  }

  private List<LeadConverted> conversions(ReferralProgram program) {
    return program.events(START, clock.instant().plusSeconds(1)).stream()
        .filter(LeadConverted.class::isInstance)
        .map(LeadConverted.class::cast)
        .toList();
  }

  @Nested
  class AsThePolicy {
    @Test
    void givenTheEngineAsPolicy_whenLeadsConvert_thenRewardsCarryTheRuleName() {
      ReferralProgram program = program(NEW);
      Referrer anna = threeConversions(program);
      List<String> reasons = program.rewardsOf(anna.id()).stream().map(Reward::reason).toList();
      assertEquals(List.of("referrer bonus", "referrer bonus", "third referral bonus"), reasons);
    }

    @Test
    void givenARuleThatThrows_whenALeadConverts_thenTheFailureNamesTheRuleAndTheRestApplies() {
      RuleSet rules =
          RuleSet.builder("fragile")
              .rule(
                  rule("broken")
                      .on(LEAD_CONVERTED)
                      .when(
                          condition(
                              "calls a flaky service",
                              (e, c) -> {
                                throw new IllegalStateException("service down");
                              }))
                      .grantReferrer(credit(99)))
              .rule(rule("steady").on(LEAD_CONVERTED).grantReferrer(credit(5)))
              .build();
      ReferralProgram program = program(rules);
      Referrer anna = program.enrol(Enrolment.customer("Anna").email("anna@example.com").build());
      Lead lead =
          program.refer(anna.primaryCode().value(), Prospect.withEmail("B", "b@example.com"));
      program.convert(lead.id(), Purchase.of("o-1", Money.of(10, "EUR"), clock.instant()));

      assertEquals(
          List.of("steady"), program.rewardsOf(anna.id()).stream().map(Reward::reason).toList());
      List<ReferralEvent> failures =
          program.events(START, clock.instant().plusSeconds(1)).stream()
              .filter(DecisionFailed.class::isInstance)
              .toList();
      assertEquals(1, failures.size());
      assertEquals("broken", ((DecisionFailed) failures.get(0)).policy());
    }
  }

  @Nested
  class Replaying {
    @Test
    void givenALogUnderOldTerms_whenNewTermsAreReplayed_thenEachRulesDifferencesAreReported() {
      ReferralProgram program = program(OLD);
      threeConversions(program);
      List<LeadConverted> converted = conversions(program);

      ReplayReport report = Replay.of(store).run(NEW, START, clock.instant().plusSeconds(1));

      ReplayReport.RuleChanges bonus = report.rule("referrer bonus").orElseThrow();
      assertEquals(0, bonus.unchanged());
      assertEquals(3, bonus.differences().size());
      ReplayReport.Difference first = bonus.differences().get(0);
      assertEquals(converted.get(0).id(), first.event());
      assertEquals(List.of(), first.wouldGrant());
      assertEquals(credit(10), first.wasGranted().get(0).incentive());
      assertEquals(credit(15), bonus.differences().get(1).wouldGrant().get(0).incentive());

      ReplayReport.RuleChanges third = report.rule("third referral bonus").orElseThrow();
      assertEquals(1, third.differences().size());
      assertEquals(converted.get(2).id(), third.differences().get(0).event());
      assertTrue(report.hasDifferences());
      assertTrue(report.describe().contains("'third referral bonus': 0 unchanged, 1 different"));
    }

    @Test
    void givenTheSameTerms_whenReplayed_thenNothingDiffers() {
      ReferralProgram program = program(OLD);
      threeConversions(program);
      ReplayReport report = Replay.of(store).run(OLD, START, clock.instant().plusSeconds(1));
      assertEquals(3, report.rule("referrer bonus").orElseThrow().unchanged());
      assertTrue(!report.hasDifferences(), report.describe());
    }

    @Test
    void givenARecordedEvent_whenDryRun_thenTheTraceUsesTheCountsUpToThatEvent() {
      ReferralProgram program = program(OLD);
      threeConversions(program);
      List<LeadConverted> converted = conversions(program);
      Replay replay = Replay.of(store);

      EventId second = converted.get(1).id();
      EventId third = converted.get(2).id();
      assertEquals(List.of("referrer bonus"), replay.dryRun(NEW, second).fired());
      Evaluation evaluation = replay.dryRun(NEW, third);
      assertEquals(List.of("referrer bonus", "third referral bonus"), evaluation.fired());
      assertTrue(
          evaluation.describe().contains("referrer.lifetimeConversions equal 3 -> TRUE (read 3)"));
    }
  }
}
