package dev.referral.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ConversionResult;
import dev.referral.core.Lead;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.core.testing.SettableClock;
import dev.referral.rules.RuleEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmark compares like with like: both engines decide the same on the whole stream. */
class RuleEnginesAgreeTest {

  @ParameterizedTest
  @EnumSource(RuleWorkload.Shape.class)
  void givenTheSameRules_whenBothEnginesDecideTheStream_thenTheirDecisionsAreIdentical(
      RuleWorkload.Shape shape) {
    // given
    RuleWorkload workload = new RuleWorkload(100, shape);

    // when
    int decisions = RuleWorkload.checkAgree(workload, workload.ruleEngine(), workload.easyRules());

    // then: rules fired, so the comparison compared something
    assertTrue(decisions > RuleWorkload.STREAM_SIZE / 2, "decisions: " + decisions);
  }

  @Test
  void
      givenTheSpreadWorkload_whenDecided_thenTwoOrThreeRulesApplyAndBothGrantsAndFollowUpsAreMade() {
    RuleWorkload workload = new RuleWorkload(1000, RuleWorkload.Shape.SPREAD);
    RuleEngine engine = workload.ruleEngine();
    int grants = 0;
    int followUps = 0;
    for (RuleWorkload.Sample s : workload.stream()) {
      long applicable = workload.specs().stream().filter(r -> r.type() == s.event().type()).count();
      assertTrue(applicable == 2 || applicable == 3, s.event().type() + ": " + applicable);
      for (Decision d : engine.decide(s.event(), s.context())) {
        grants += d instanceof GrantReward ? 1 : 0;
        followUps += d instanceof ScheduleFollowUp ? 1 : 0;
      }
    }
    assertTrue(grants > 0 && followUps > 0, grants + " grants, " + followUps + " follow-ups");
  }

  @Test
  void givenAnEngineThatDecidesDifferently_whenChecked_thenTheCheckNamesTheEvent() {
    RuleWorkload workload = new RuleWorkload(10, RuleWorkload.Shape.ONE_TYPE);
    // Easy Rules without the first rule (order of 50 EUR or more): it decides differently.
    EasyRulesPolicy missingOne = new EasyRulesPolicy(workload.specs().subList(1, 10));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> RuleWorkload.checkAgree(workload, workload.ruleEngine(), missingOne));

    assertTrue(e.getMessage().startsWith("engines differ on event "), e.getMessage());
  }

  @Test
  void givenTheShopProgramme_whenACustomersLeadConverts_thenReferrerAndFriendAreRewarded() {
    // given
    SettableClock clock = SettableClock.at(ShopPrograms.START);
    ReferralProgram program = ShopPrograms.shop(clock);
    List<String> codes = ShopPrograms.enrol(program, 4);
    Lead lead = program.refer(EndToEndBenchmark.request(codes, 1));

    // when
    ConversionResult result =
        program.convert(lead.id(), Purchase.of("order-1", ShopPrograms.EUR_80, clock.instant()));

    // then
    assertEquals(20, ShopPrograms.shopRules().rules().size());
    assertEquals(
        List.of("referrer credit", "friend discount"),
        result.rewards().stream().map(r -> r.reason()).toList());
  }
}
