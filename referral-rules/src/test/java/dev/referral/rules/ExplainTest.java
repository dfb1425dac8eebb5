package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.rules.Fixtures.converted;
import static dev.referral.rules.Rules.allOf;
import static dev.referral.rules.Rules.condition;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.rules.Evaluation.ConditionTrace;
import dev.referral.rules.Evaluation.Outcome;
import dev.referral.rules.Evaluation.RuleTrace;
import dev.referral.rules.Evaluation.Verdict;
import dev.referral.rules.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExplainTest {
  private static Rules.RuleBuilder thanks(String name) {
    return rule(name).on(LEAD_CONVERTED).grantReferrer(Fixtures.THANKS);
  }

  private static Evaluation explain(RuleSet rules) {
    return RuleEngine.of(rules).explain(converted(50), Fixtures.context());
  }

  @Nested
  class RuleOutcomes {
    @Test
    void givenAFirstMatchGroup_whenExplained_thenTheLaterRuleIsSkippedNamingTheWinner() {
      RuleTrace trace =
          explain(RuleSet.builder("s").firstMatch("g", thanks("a"), thanks("b")).build())
              .rule("b")
              .orElseThrow();
      assertEquals(Outcome.SKIPPED, trace.outcome());
      assertEquals("first-match group 'g' already matched rule 'a'", trace.reason());
    }

    @Test
    void givenStopOnFirstMatch_whenExplained_thenTheRestIsSkipped() {
      RuleTrace trace =
          explain(
                  RuleSet.builder("s")
                      .stopOnFirstMatch()
                      .rule(thanks("a"))
                      .rule(thanks("b"))
                      .build())
              .rule("b")
              .orElseThrow();
      assertEquals(Outcome.SKIPPED, trace.outcome());
      assertEquals("rule 'a' fired first and the set stops on the first match", trace.reason());
    }

    @Test
    void givenARuleOfAnotherType_whenExplained_thenItIsNotApplicable() {
      Evaluation evaluation =
          RuleEngine.of(RuleSet.builder("s").rule(thanks("a")).build())
              .explain(TestData.referred(Fixtures.LEAD), Fixtures.context());
      assertEquals(Outcome.NOT_APPLICABLE, evaluation.rules().get(0).outcome());
      assertEquals(List.of(), evaluation.decisions());
    }
  }

  @Nested
  class Conditions {
    @Test
    void givenAnAllWhosePlainPartFails_whenExplained_thenTheCountIsNotEvaluated() {
      ConditionTrace trace =
          explain(
                  RuleSet.builder("s")
                      .rule(
                          thanks("partner third")
                              .when(
                                  allOf(
                                      referrer().lifetimeConversions().isEqualTo(3),
                                      referrer().kind().isEqualTo(ReferrerKind.PARTNER))))
                      .build())
              .rules()
              .get(0)
              .condition()
              .orElseThrow();
      assertEquals(Verdict.FALSE, trace.verdict());
      assertEquals(
          new ConditionTrace("referrer.kind equal PARTNER", "CUSTOMER", Verdict.FALSE, List.of()),
          trace.parts().get(0));
      assertEquals(
          new ConditionTrace(
              "referrer.lifetimeConversions equal 3", "", Verdict.NOT_EVALUATED, List.of()),
          trace.parts().get(1));
    }

    @Test
    void givenAnAbsentFactAndALambda_whenExplained_thenTheirValuesAreShown() {
      Evaluation evaluation =
          RuleEngine.of(
                  RuleSet.builder("s")
                      .rule(
                          rule("r")
                              .on(dev.referral.core.event.EventType.LEAD_REFERRED)
                              .when(
                                  Rules.anyOf(
                                      order().amount().isGreaterThan(Money.of(1, "EUR")),
                                      condition("always yes", (e, c) -> true)))
                              .grantProspect(Fixtures.THANKS))
                      .build())
              .explain(TestData.referred(Fixtures.LEAD), Fixtures.context());
      List<ConditionTrace> parts = evaluation.rules().get(0).condition().orElseThrow().parts();
      assertEquals("absent", parts.get(0).value());
      assertEquals(
          new ConditionTrace("custom 'always yes'", "true", Verdict.TRUE, List.of()), parts.get(1));
      assertEquals(List.of("r"), evaluation.fired());
    }
  }
}
