package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.LEAD_REFERRED;
import static dev.referral.rules.Fixtures.ANNA;
import static dev.referral.rules.Fixtures.LEAD;
import static dev.referral.rules.Fixtures.THANKS;
import static dev.referral.rules.Fixtures.converted;
import static dev.referral.rules.Rules.allOf;
import static dev.referral.rules.Rules.anyOf;
import static dev.referral.rules.Rules.condition;
import static dev.referral.rules.Rules.not;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.rules.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  private static Rules.RuleBuilder thanks(String name) {
    return rule(name).on(LEAD_CONVERTED).grantReferrer(Incentive.thankYou("from " + name));
  }

  private static List<String> reasons(List<Decision> decisions) {
    return decisions.stream().map(Decision::reason).toList();
  }

  private static List<String> decide(RuleSet rules, ReferralEvent event) {
    return reasons(RuleEngine.of(rules).decide(event, Fixtures.context()));
  }

  @Nested
  class Ordering {
    @Test
    void givenEqualPriorities_whenRulesFire_thenTheyRunInDeclarationOrder() {
      RuleSet rules =
          RuleSet.builder("s").rule(thanks("b")).rule(thanks("a")).rule(thanks("c")).build();
      assertEquals(List.of("b", "a", "c"), decide(rules, converted(1)));
    }

    @Test
    void givenMoreDecisionsThanTheEngineFirstMakesRoomFor_whenRulesFire_thenAllAreKeptInOrder() {
      // given 20 rules that fire, one of them (the 7th) with three actions
      RuleSet.Builder set = RuleSet.builder("s");
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        if (i == 6) {
          set.rule(
              rule("three")
                  .on(LEAD_CONVERTED)
                  .grantReferrer(Incentive.thankYou("one"))
                  .grantReferrer(Incentive.thankYou("two"))
                  .grantProspect(Incentive.thankYou("three")));
          expected.addAll(List.of("three", "three", "three"));
        } else {
          set.rule(thanks("r" + i));
          expected.add("r" + i);
        }
      }
      // when / then
      assertEquals(expected, decide(set.build(), converted(1)));
    }

    @Test
    void givenPriorities_whenRulesFire_thenHigherPriorityRunsFirst() {
      RuleSet rules =
          RuleSet.builder("s")
              .rule(thanks("low").priority(-5))
              .rule(thanks("default"))
              .rule(thanks("high").priority(10))
              .build();
      assertEquals(List.of("high", "default", "low"), decide(rules, converted(1)));
    }

    @Test
    void givenEqualPrioritiesAmongOthers_whenRulesFire_thenTiesKeepDeclarationOrder() {
      RuleSet rules =
          RuleSet.builder("s")
              .rule(thanks("x").priority(1))
              .rule(thanks("y"))
              .rule(thanks("z").priority(1))
              .build();
      assertEquals(List.of("x", "z", "y"), decide(rules, converted(1)));
    }

    @Test
    void givenRulesOnOtherEventTypes_whenAnEventArrives_thenOnlyRulesOfItsTypeRun() {
      RuleSet rules =
          RuleSet.builder("s")
              .rule(rule("on referral").on(LEAD_REFERRED).grantProspect(THANKS))
              .rule(thanks("on conversion"))
              .build();
      assertEquals(List.of("on conversion"), decide(rules, converted(1)));
      assertEquals(List.of("on referral"), decide(rules, TestData.referred(LEAD)));
    }
  }

  @Nested
  class Groups {
    @Test
    void givenAFirstMatchGroup_whenTwoOfItsRulesHold_thenOnlyTheFirstFires() {
      RuleSet rules =
          RuleSet.builder("s")
              .firstMatch(
                  "tiers",
                  thanks("gold").when(order().amount().isAtLeast(Money.of(500, "EUR"))),
                  thanks("silver").when(order().amount().isAtLeast(Money.of(100, "EUR"))),
                  thanks("bronze"))
              .rule(thanks("outside"))
              .build();
      assertEquals(List.of("gold", "outside"), decide(rules, converted(600)));
      assertEquals(List.of("silver", "outside"), decide(rules, converted(200)));
      assertEquals(List.of("bronze", "outside"), decide(rules, converted(50)));
    }

    @Test
    void givenAFirstMatchGroup_whenAHigherPriorityMemberHolds_thenPriorityDecidesTheWinner() {
      RuleSet rules =
          RuleSet.builder("s")
              .firstMatch("g", thanks("first"), thanks("urgent").priority(9))
              .build();
      assertEquals(List.of("urgent"), decide(rules, converted(1)));
    }

    @Test
    void givenAnAllOfGroup_whenTwoOfItsRulesHold_thenBothFire() {
      RuleSet rules = RuleSet.builder("s").allOf("all", thanks("one"), thanks("two")).build();
      assertEquals(List.of("one", "two"), decide(rules, converted(1)));
    }

    @Test
    void givenStopOnFirstMatch_whenSeveralRulesHold_thenOnlyTheFirstFires() {
      RuleSet rules =
          RuleSet.builder("s")
              .stopOnFirstMatch()
              .rule(thanks("never").when(referrer().kind().isEqualTo(ReferrerKind.PARTNER)))
              .rule(thanks("second"))
              .rule(thanks("third"))
              .build();
      assertEquals(List.of("second"), decide(rules, converted(1)));
    }

    @Test
    void givenManyFirstMatchGroups_whenEachHasTwoMatchingRules_thenEachFiresOnce() {
      RuleSet.Builder builder = RuleSet.builder("s");
      for (int g = 0; g < 70; g++) {
        builder.firstMatch("g" + g, thanks("g" + g + "-a"), thanks("g" + g + "-b"));
      }
      List<String> fired = decide(builder.build(), converted(1));
      assertEquals(70, fired.size());
      assertTrue(fired.stream().allMatch(n -> n.endsWith("-a")));
    }
  }

  @Nested
  class Logic {
    private final Condition yes = order().amount().isGreaterThan(Money.of(1, "EUR"));
    private final Condition no = referrer().kind().isEqualTo(ReferrerKind.PARTNER);

    @Test
    void givenAllOf_whenEveryPartHolds_thenFires() {
      assertTrue(Fixtures.fires(allOf(yes, yes), converted(10)));
      assertFalse(Fixtures.fires(allOf(yes, no), converted(10)));
      assertTrue(Fixtures.fires(allOf(), converted(10)));
    }

    @Test
    void givenAnyOf_whenOnePartHolds_thenFires() {
      assertTrue(Fixtures.fires(anyOf(no, yes), converted(10)));
      assertFalse(Fixtures.fires(anyOf(no, no), converted(10)));
      assertFalse(Fixtures.fires(anyOf(), converted(10)));
    }

    @Test
    void givenNot_whenThePartDoesNotHold_thenFires() {
      assertTrue(Fixtures.fires(not(no), converted(10)));
      assertFalse(Fixtures.fires(not(yes), converted(10)));
      assertTrue(Fixtures.fires(yes.and(no.negate()).or(no), converted(10)));
    }

    @Test
    void givenACustomLambda_whenItHolds_thenFires() {
      Condition bigSpender = condition("big spender", (e, c) -> e.id().value().contains("lead"));
      assertTrue(Fixtures.fires(bigSpender, converted(10)));
    }
  }

  @Nested
  class Actions {
    @Test
    void givenAGrantWithHoldApprovalAndExpiry_whenTheRuleFires_thenTheDecisionCarriesThem() {
      RuleSet rules =
          RuleSet.builder("s")
              .rule(
                  rule("held")
                      .on(LEAD_CONVERTED)
                      .grantReferrer(Fixtures.GIFT_CARD)
                      .heldFor(Duration.ofDays(30))
                      .requiringApproval()
                      .expiringAfter(Duration.ofDays(365)))
              .build();
      List<Decision> decisions = RuleEngine.of(rules).decide(converted(1), Fixtures.context());
      assertEquals(
          List.of(
              GrantReward.toReferrer(Fixtures.GIFT_CARD, "held")
                  .heldFor(Duration.ofDays(30))
                  .withApproval()
                  .expiringAfter(Duration.ofDays(365))),
          decisions);
    }

    @Test
    void givenAFollowUpAndACancellation_whenTheRuleFires_thenTheFollowUpIsDueAfterNow() {
      RuleSet rules =
          RuleSet.builder("s")
              .rule(
                  rule("thank and stop nurturing")
                      .on(LEAD_CONVERTED)
                      .followUp(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofDays(1))
                      .via(dev.referral.core.Channel.SMS)
                      .cancelLeadFollowUps(FollowUpKind.NURTURE_LEAD))
              .build();
      List<Decision> decisions = RuleEngine.of(rules).decide(converted(1), Fixtures.context());
      ScheduleFollowUp followUp = assertInstanceOf(ScheduleFollowUp.class, decisions.get(0));
      assertEquals(TestData.NOW.plus(Duration.ofDays(1)), followUp.dueAt());
      assertEquals(dev.referral.core.Channel.SMS, followUp.channel());
      assertEquals(
          dev.referral.core.policy.CancelFollowUps.forLead(
              "thank and stop nurturing", FollowUpKind.NURTURE_LEAD),
          decisions.get(1));
    }
  }

  @Nested
  class Failures {
    private final RuleSet rules =
        RuleSet.builder("s")
            .rule(thanks("before"))
            .rule(
                thanks("broken")
                    .when(
                        condition(
                            "throws",
                            (e, c) -> {
                              throw new IllegalStateException("boom");
                            })))
            .rule(thanks("after"))
            .build();

    @Test
    void givenARuleThatThrows_whenDeciding_thenTheOthersDecideAndTheFailureNamesTheRule() {
      PolicyEvaluationException e =
          assertThrows(
              PolicyEvaluationException.class,
              () -> RuleEngine.of(rules).decide(converted(1), Fixtures.context()));
      assertEquals("broken", e.policyName());
      assertEquals(List.of("before", "after"), reasons(e.decided()));
      assertEquals("boom", e.getCause().getMessage());
    }

    @Test
    void givenARuleThatThrows_whenExplaining_thenTheTraceShowsTheFailure() {
      Evaluation evaluation = RuleEngine.of(rules).explain(converted(1), Fixtures.context());
      assertEquals(Evaluation.Outcome.FAILED, evaluation.rule("broken").orElseThrow().outcome());
      assertEquals("broken", evaluation.failure().orElseThrow().policyName());
      assertEquals(List.of("before", "after"), evaluation.fired());
    }

    @Test
    void givenTheEngineComposedWithAnotherPolicy_whenARuleThrows_thenTheOtherPolicyStillDecides() {
      ReferralPolicy other =
          ReferralPolicy.named("other", (e, c) -> List.of(GrantReward.toReferrer(THANKS, "other")));
      ReferralPolicy policy = RuleEngine.of(rules).and(other);
      PolicyEvaluationException e =
          assertThrows(
              PolicyEvaluationException.class,
              () -> policy.decide(converted(1), Fixtures.context()));
      assertEquals("broken", e.policyName());
      assertEquals(List.of("before", "after", "other"), reasons(e.decided()));
    }
  }

  @Nested
  class Composition {
    @Test
    void givenTheEngineAndTheFollowUpPolicy_whenAReferralArrives_thenBothDecide() {
      RuleSet rules =
          RuleSet.builder("welcome")
              .rule(rule("welcome gift").on(LEAD_REFERRED).grantProspect(THANKS))
              .build();
      ReferralPolicy policy = RuleEngine.of(rules).and(FollowUpPolicy.ofDefaults());
      List<Decision> decisions = policy.decide(TestData.referred(LEAD), Fixtures.context());
      assertEquals("welcome gift", decisions.get(0).reason());
      assertTrue(decisions.stream().anyMatch(d -> d.reason().equals(FollowUpPolicy.NAME)));
      assertEquals("welcome + follow-up policy", policy.name());
    }
  }

  @Nested
  class Speed {
    private final AtomicInteger statsReads = new AtomicInteger();

    private PolicyContext countingContext() {
      return new PolicyContext.SnapshotContext(
          TestData.NOW,
          java.time.ZoneOffset.UTC,
          Optional.of(ANNA),
          Optional.of(LEAD),
          () -> {
            statsReads.incrementAndGet();
            return ReferrerStats.ofConversions(1, 1, 1);
          },
          Optional.empty());
    }

    @Test
    void givenConditionsWithoutCounts_whenDeciding_thenTheStatsAreNotRead() {
      RuleEngine engine = Fixtures.engine(order().amount().isGreaterThan(Money.of(10, "EUR")));
      engine.decide(converted(100), countingContext());
      assertEquals(0, statsReads.get());
    }

    @Test
    void givenACountAfterAFailingPlainCondition_whenDeciding_thenTheStatsAreNotRead() {
      Condition countFirst =
          allOf(
              referrer().lifetimeConversions().isEqualTo(3),
              referrer().kind().isEqualTo(ReferrerKind.PARTNER));
      Fixtures.engine(countFirst).decide(converted(100), countingContext());
      assertEquals(0, statsReads.get());
    }

    @Test
    void givenEachFact_whenRead_thenItReadsTheStatsExactlyWhenItSaysSo() {
      for (Fact fact : Fact.values()) {
        Object value =
            switch (fact.type()) {
              case NUMBER -> 1L;
              case MONEY -> Money.of(1, "EUR");
              case TEXT, TEXT_SET -> "x";
              case FLAG -> true;
              case DURATION -> Duration.ofDays(1);
              case DATE -> java.time.LocalDate.of(2025, 1, 1);
              case INSTANT -> TestData.NOW;
              default -> fact.type().valueClass().getEnumConstants()[0];
            };
        Operator op = fact.type() == Fact.Type.TEXT_SET ? Operator.CONTAINS : Operator.EQUAL;
        statsReads.set(0);
        Fixtures.engine(new Condition.Compare(fact, op, List.of(value)))
            .decide(converted(100), countingContext());
        assertEquals(fact.readsStats() ? 1 : 0, statsReads.get(), fact.jsonName());
      }
    }

    private final AtomicInteger conversionsReads = new AtomicInteger();
    private final AtomicInteger totalsReads = new AtomicInteger();

    /**
     * A context whose conversion counts are (1, 2, 3) and whose reward counts are (4, 5, 6),
     * counting the reads of {@code conversions()} and of {@code stats()}.
     */
    private PolicyContext splitContext() {
      PolicyContext whole =
          Fixtures.context(
              ANNA,
              LEAD,
              new ReferrerStats(
                  1,
                  2,
                  3,
                  new LedgerTotals(4, Map.of()),
                  new LedgerTotals(5, Map.of()),
                  new LedgerTotals(6, Map.of())));
      return new PolicyContext() {
        @Override
        public java.time.Instant now() {
          return whole.now();
        }

        @Override
        public java.time.ZoneId zone() {
          return whole.zone();
        }

        @Override
        public Optional<Referrer> referrer() {
          return whole.referrer();
        }

        @Override
        public Optional<Lead> lead() {
          return whole.lead();
        }

        @Override
        public ReferrerStats stats() {
          totalsReads.incrementAndGet();
          return whole.stats();
        }

        @Override
        public PeriodCounts conversions() {
          conversionsReads.incrementAndGet();
          return whole.conversions();
        }

        @Override
        public Optional<Offer> offer() {
          return whole.offer();
        }
      };
    }

    @Test
    void givenConditionsOnConversionCounts_whenDeciding_thenTheRewardTotalsAreNotRead() {
      Condition counts =
          allOf(
              referrer().conversionsThisMonth().isEqualTo(1),
              referrer().conversionsThisYear().isEqualTo(2),
              referrer().lifetimeConversions().isEqualTo(3),
              referrer().nthConversion().isEqualTo(3));
      assertEquals(1, Fixtures.engine(counts).decide(converted(100), splitContext()).size());
      assertEquals(4, conversionsReads.get()); // once per condition
      assertEquals(0, totalsReads.get());
    }

    @Test
    void givenCountsAndRewards_whenDeciding_thenRewardsAloneComeFromTheStats() {
      Condition both =
          allOf(
              referrer().lifetimeConversions().isEqualTo(3),
              referrer().rewardsThisMonth().isEqualTo(4),
              referrer().rewardsThisYear().isEqualTo(5),
              referrer().lifetimeRewards().isEqualTo(6));
      assertEquals(1, Fixtures.engine(both).decide(converted(100), splitContext()).size());
      assertEquals(1, conversionsReads.get());
      assertEquals(3, totalsReads.get());
    }

    @Test
    void givenNoRuleFires_whenDeciding_thenTheSharedEmptyListIsReturned() {
      RuleEngine engine = Fixtures.engine(referrer().kind().isEqualTo(ReferrerKind.PARTNER));
      assertSame(List.of(), engine.decide(converted(1), Fixtures.context()));
    }
  }
}
