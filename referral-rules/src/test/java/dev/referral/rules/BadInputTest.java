package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Money;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is rejected with a message that names the argument. */
class BadInputTest {

  private static String iae(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static String npe(Executable call) {
    return assertThrows(NullPointerException.class, call).getMessage();
  }

  private static String ise(Executable call) {
    return assertThrows(IllegalStateException.class, call).getMessage();
  }

  private static Rules.RuleBuilder thanks(String name) {
    return rule(name).on(LEAD_CONVERTED).grantReferrer(Fixtures.THANKS);
  }

  @Nested
  class RuleSets {
    @Test
    void givenTwoRulesOfOneName_whenAdded_thenTheDuplicateIsNamed() {
      RuleSet.Builder builder = RuleSet.builder("terms").rule(thanks("bonus"));
      assertEquals(
          "rule: a rule named 'bonus' is already in rule set 'terms'",
          iae(() -> builder.rule(thanks("bonus"))));
    }

    @Test
    void givenTwoRulesOfOneName_whenConstructed_thenTheDuplicateIsNamed() {
      Rule bonus = thanks("bonus").build();
      assertEquals(
          "rules: duplicate rule name 'bonus'",
          iae(() -> new RuleSet("terms", false, List.of(), List.of(bonus, bonus))));
    }

    @Test
    void givenAnUndeclaredGroup_whenConstructed_thenTheGroupIsNamed() {
      Rule rule = thanks("bonus").build().inGroup("tiers");
      assertEquals(
          "rules: rule 'bonus' names unknown group 'tiers'",
          iae(() -> new RuleSet("terms", false, List.of(), List.of(rule))));
    }

    @Test
    void givenTwoGroupsOfOneName_whenAdded_thenTheDuplicateIsNamed() {
      RuleSet.Builder builder = RuleSet.builder("terms").firstMatch("g", thanks("a"));
      assertEquals(
          "group: a group named 'g' is already in rule set 'terms'",
          iae(() -> builder.allOf("g", thanks("b"))));
    }

    @Test
    void givenBlankOrNullNames_whenUsed_thenTheArgumentIsNamed() {
      assertEquals("name must not be blank", iae(() -> RuleSet.builder("  ")));
      assertEquals("name", npe(() -> RuleSet.builder(null)));
      assertEquals("name must not be blank", iae(() -> rule("")));
      assertEquals("rule", npe(() -> RuleSet.builder("s").rule((Rule) null)));
      assertEquals("ruleSet", npe(() -> RuleEngine.of(null)));
      assertEquals("ruleSet", npe(() -> RuleSetJson.write(null)));
      assertEquals("json", npe(() -> RuleSetJson.read("x", (String) null)));
    }

    @Test
    void givenANameLongerThanAReason_whenUsed_thenItIsRejected() {
      assertEquals(
          "name must be at most 200 characters but was 201", iae(() -> rule("x".repeat(201))));
    }
  }

  @Nested
  class RuleBuilders {
    @Test
    void givenNoEventTypes_whenBuilt_thenTheRuleIsRefused() {
      assertEquals(
          "rule 'r' needs on(...): the event types it applies to",
          ise(() -> rule("r").grantReferrer(Fixtures.THANKS).build()));
    }

    @Test
    void givenNoAction_whenBuilt_thenTheRuleIsRefused() {
      assertEquals(
          "rule 'r' needs at least one action", ise(() -> rule("r").on(LEAD_CONVERTED).build()));
    }

    @Test
    void givenAHoldWithoutAGrant_whenBuilt_thenTheBuilderRefuses() {
      assertEquals(
          "heldFor must follow grantReferrer or grantProspect",
          ise(() -> rule("r").on(LEAD_CONVERTED).heldFor(Duration.ofDays(1))));
    }

    @Test
    void givenWhenTwice_whenBuilt_thenTheBuilderRefuses() {
      Rules.RuleBuilder builder = rule("r").when(Condition.always());
      assertEquals("when was already set to always", ise(() -> builder.when(Condition.always())));
    }

    @Test
    void givenBadDelays_whenUsed_thenTheArgumentIsNamed() {
      assertEquals(
          "holdFor must be zero or more but was PT-24H",
          iae(() -> thanks("r").heldFor(Duration.ofDays(-1))));
      assertEquals(
          "expiresAfter must be positive but was PT0S",
          iae(() -> thanks("r").expiringAfter(Duration.ZERO)));
      assertEquals(
          "after must be at most PT876600H but was PT876624H",
          iae(
              () ->
                  Action.FollowUp.of(
                      FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofDays(36_526))));
    }

    @Test
    void givenAnEmptyOnSet_whenConstructed_thenItIsRejected() {
      assertEquals(
          "on must name at least one event type (rule 'r')",
          iae(
              () ->
                  new Rule(
                      "r",
                      0,
                      Set.of(),
                      Condition.always(),
                      List.of(Action.Grant.of(Beneficiary.REFERRER, Fixtures.THANKS)),
                      Optional.empty())));
    }
  }

  @Nested
  class Conditions {
    @Test
    void givenAnOperatorThatDoesNotApply_whenConstructed_thenItIsNamed() {
      assertEquals(
          "operator contains does not apply to referrer.lifetimeConversions; it accepts equal,"
              + " notEqual, less, lessOrEqual, greater, greaterOrEqual, in, notIn, between",
          iae(
              () ->
                  new Condition.Compare(
                      Fact.REFERRER_LIFETIME_CONVERSIONS, Operator.CONTAINS, List.of(3L))));
    }

    @Test
    void givenAValueOfTheWrongType_whenConstructed_thenTheTypesAreNamed() {
      assertEquals(
          "values of order.amount must be Money but 3 is Long",
          iae(() -> new Condition.Compare(Fact.ORDER_AMOUNT, Operator.EQUAL, List.of(3))));
    }

    @Test
    void givenTheWrongNumberOfValues_whenConstructed_thenItIsRejected() {
      assertEquals(
          "between needs 2 values but got 1",
          iae(
              () ->
                  new Condition.Compare(
                      Fact.REFERRER_LIFETIME_CONVERSIONS, Operator.BETWEEN, List.of(3L))));
      assertEquals(
          "in needs at least 1 value but got 0",
          iae(() -> Rules.referrer().lifetimeConversions().isIn()));
    }

    @Test
    void givenMixedCurrencies_whenConstructed_thenTheyAreRejected() {
      assertEquals(
          "values of order.amount must share one currency but were [1.00 EUR, 2.00 USD]",
          iae(() -> Rules.order().amount().isBetween(Money.of(1, "EUR"), Money.of(2, "USD"))));
    }

    @Test
    void givenNullValues_whenConstructed_thenTheyAreNamed() {
      assertEquals("value", npe(() -> Rules.lead().source().isEqualTo(null)));
      assertEquals("condition", npe(() -> Rules.not(null)));
      assertEquals(
          "description must not be blank", iae(() -> Rules.condition(" ", (e, c) -> true)));
      assertEquals("test", npe(() -> Rules.condition("x", null)));
    }
  }

  @Nested
  class Engines {
    @Test
    void givenNulls_whenDeciding_thenTheArgumentIsNamed() {
      RuleEngine engine = Fixtures.engine(Condition.always());
      assertEquals("event", npe(() -> engine.decide(null, Fixtures.context())));
      assertEquals("context", npe(() -> engine.decide(Fixtures.converted(1), null)));
      assertEquals("context", npe(() -> engine.explain(Fixtures.converted(1), null)));
    }
  }
}
