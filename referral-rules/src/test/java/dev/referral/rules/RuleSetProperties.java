package dev.referral.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.rules.Generators.Scenario;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The two front ends build one model, and the engine's two paths agree. */
class RuleSetProperties {
  private static final RuleEngine DSL = RuleEngine.of(SpringProgramme.dsl());
  private static final RuleEngine JSON = RuleEngine.of(SpringProgramme.json());

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Generators.scenarios();
  }

  @Provide
  Arbitrary<RuleSet> ruleSets() {
    return Generators.ruleSets();
  }

  @Property(tries = 1000)
  void givenAnyEventAndContext_whenTheDslAndJsonSetsDecide_thenTheyDecideAlike(
      @ForAll("scenarios") Scenario s) {
    List<Decision> dsl = DSL.decide(s.event(), s.context());
    Statistics.label("fired").collect(dsl.isEmpty() ? "nothing" : "something");
    for (Decision d : dsl) {
      Statistics.label("rules").collect(d.reason());
    }
    assertEquals(dsl, JSON.decide(s.event(), s.context()));
  }

  @Property(tries = 300)
  void givenAnyGeneratedRuleSet_whenWrittenAndReadBack_thenItIsEqual(
      @ForAll("ruleSets") RuleSet set) {
    assertEquals(set, RuleSetJson.read("generated.json", RuleSetJson.write(set)));
  }

  @Property(tries = 300)
  void givenAnyGeneratedRuleSet_whenDecidingAndExplaining_thenBothPathsDecideAlike(
      @ForAll("ruleSets") RuleSet set, @ForAll("scenarios") Scenario s) {
    RuleEngine engine = RuleEngine.of(set);
    Evaluation explained = engine.explain(s.event(), s.context());
    List<Decision> decided;
    try {
      decided = engine.decide(s.event(), s.context());
    } catch (PolicyEvaluationException e) {
      decided = e.decided();
    }
    assertEquals(explained.decisions(), decided);
    RuleEngine reread = RuleEngine.of(RuleSetJson.read("generated.json", RuleSetJson.write(set)));
    assertEquals(explained.decisions(), reread.explain(s.event(), s.context()).decisions());
  }
}
