package dev.referral.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Money;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.nulls.CoreSamples;
import dev.referral.core.nulls.NullArgumentCheck;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.rules.testing.RuleFixture;
import dev.referral.rules.testing.TestData;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public class of referral-rules rejects null arguments, naming them (issue 8). */
class RulesNullArgumentTest {

  @Test
  void givenEveryPublicClass_whenAReferenceArgumentIsNull_thenANullPointerExceptionNamesIt()
      throws Exception {
    Condition condition = Rules.order().amount().isAtLeast(Money.of(50, "EUR"));
    Rule rule =
        Rules.rule("big order")
            .on(EventType.LEAD_CONVERTED)
            .when(condition)
            .grantReferrer(Fixtures.GIFT_CARD)
            .build();
    RuleSet ruleSet = RuleSet.builder("sample").rule(rule).build();
    RuleEngine engine = RuleEngine.of(ruleSet);
    ReferralEvent event = Fixtures.converted(100);
    Evaluation evaluation = engine.explain(event, Fixtures.context());
    InMemoryReferralStore store = new InMemoryReferralStore();
    Replay replay = Replay.of(store);
    ReplayReport report = replay.run(ruleSet, TestData.NOW, TestData.NOW.plusSeconds(1));
    RuleFixture fixture = RuleFixture.of(ruleSet).given(Fixtures.ANNA, Fixtures.LEAD);
    NullArgumentCheck check =
        CoreSamples.check()
            .withDefault(Condition.class, condition)
            .withDefault(Rule.class, rule)
            .withDefault(RuleSet.class, ruleSet)
            .withDefault(RuleEngine.class, engine)
            .withDefault(Action.class, Action.Grant.of(Beneficiary.REFERRER, Fixtures.THANKS))
            .withDefault(Fact.class, Fact.ORDER_AMOUNT)
            .withDefault(Operator.class, Operator.values()[0])
            .withDefault(EventType.class, EventType.LEAD_CONVERTED)
            .withDefault(ReferralEvent.class, event)
            .withDefault(RuleGroup.class, new RuleGroup("group", RuleGroup.Mode.ALL_OF))
            .withDefault(
                ScheduleFollowUp.class,
                ScheduleFollowUp.of(
                    FollowUpKind.THANK_YOU, Audience.REFERRER, TestData.NOW, "thanks"))
            .withDefault(java.io.Reader.class, new StringReader("{}"));
    for (Object sample :
        List.of(
            condition,
            Condition.always(),
            Rules.allOf(condition, Condition.always()),
            Rules.anyOf(condition),
            Rules.not(condition),
            Rules.rule("r"),
            Rules.order().amount(),
            Rules.order().categories(),
            Rules.referrer().lifetimeConversions(),
            Rules.referrer().kind(),
            Rules.lead().source(),
            Rules.event(),
            Rules.prospect(),
            rule,
            ruleSet,
            RuleSet.builder("b"),
            engine,
            evaluation,
            evaluation.rules().get(0),
            report,
            replay,
            Replay.builder(store),
            Action.Grant.of(Beneficiary.REFERRER, Fixtures.THANKS),
            Action.FollowUp.of(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofDays(1)),
            fixture,
            fixture.when(event),
            RuleFixture.referrerGets(Fixtures.THANKS),
            RuleFixture.followUp(FollowUpKind.THANK_YOU, Audience.REFERRER),
            Fact.ORDER_AMOUNT,
            Operator.values()[0])) {
      check.withInstance(sample);
    }
    List<Class<?>> classes = NullArgumentCheck.publicClasses(RuleSet.class, "dev.referral.rules");
    List<String> problems = new ArrayList<>();
    for (Class<?> cls : classes) {
      // Internal classes are reached only through the public API, which checks first.
      if (!cls.getPackageName().endsWith(".internal")) {
        problems.addAll(check.problems(cls));
      }
    }
    assertEquals("", String.join("\n", problems));
    assertTrue(classes.size() > 20, "only " + classes.size() + " classes found");
  }
}
