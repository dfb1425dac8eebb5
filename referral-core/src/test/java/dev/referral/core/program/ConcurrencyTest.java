package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ConversionResult;
import dev.referral.core.ConversionResult.Outcome;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralLimits;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.faults.Race;
import dev.referral.core.policy.ReferralPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Real threads against one program: the invariants that must hold under races. */
class ConcurrencyTest {

  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    return Race.run(tasks);
  }

  @Test
  void shouldConvertALeadOnceWhenEightThreadsConvertItWithDifferentOrders() throws Exception {
    // given
    Fixture f = new Fixture();
    Referrer jane = f.customer("Jane");
    Lead lead = f.refer(jane);
    List<Callable<ConversionResult>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Purchase purchase = Purchase.of("O-" + i, eur(100), f.clock.instant());
      tasks.add(() -> f.program.convert(lead.id(), purchase));
    }
    // when
    List<ConversionResult> results = race(tasks);
    // then
    assertEquals(1, results.stream().filter(r -> r.outcome() == Outcome.CONVERTED).count());
    assertEquals(7, results.stream().filter(r -> r.outcome() == Outcome.REPEAT_PURCHASE).count());
    assertEquals(1, f.events(LeadConverted.class).size());
    List<Reward> referrerRewards =
        f.program.rewardsOf(jane.id()).stream()
            .filter(r -> r.beneficiary() == dev.referral.core.Beneficiary.REFERRER)
            .toList();
    assertEquals(1, referrerRewards.size());
  }

  @Test
  void shouldNeverExceedANearlyUsedBudgetWhenEightThreadsGrantAtOnce() throws Exception {
    // given a budget of 100 EUR with 90 EUR already used
    ReferralPolicy policy = Fixture.onConversion(Incentive.credit(eur(10)), "credit");
    Fixture f =
        new Fixture(
            b -> b.policy(policy).limits(ReferralLimits.builder().programBudget(eur(100)).build()));
    List<Referrer> referrers = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      referrers.add(f.customer("Referrer " + i));
    }
    for (int i = 0; i < 9; i++) {
      Lead lead = f.refer(referrers.get(i));
      f.program.convert(lead.id(), f.order(50));
    }
    List<Callable<Reward>> tasks = new ArrayList<>();
    for (int i = 9; i < 17; i++) {
      Lead lead = f.refer(referrers.get(i));
      Purchase purchase = f.order(50);
      tasks.add(() -> f.program.convert(lead.id(), purchase).rewards().get(0));
    }
    // when
    List<Reward> results = race(tasks);
    // then
    assertEquals(1, results.stream().filter(r -> r.status() == RewardStatus.ISSUED).count());
    assertTrue(
        results.stream()
            .filter(r -> r.status() == RewardStatus.DENIED)
            .allMatch(r -> r.deniedBy().orElseThrow() == LimitKind.PROGRAM_BUDGET));
    Money spent = Money.zero(eur(0).currency());
    for (Referrer r : referrers) {
      for (Reward reward : f.program.rewardsOf(r.id())) {
        if (reward.countsTowardBudget()) {
          spent = spent.plus(reward.value().orElseThrow());
        }
      }
    }
    assertEquals(eur(100), spent);
  }

  @Test
  void shouldKeepTheFirstReferrerWhenEightThreadsReferTheSameProspect() throws Exception {
    Fixture f = new Fixture();
    List<Callable<Lead>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Referrer r = f.customer("Referrer " + i);
      tasks.add(
          () ->
              f.program.refer(
                  r.primaryCode().value(),
                  dev.referral.core.Prospect.withEmail("Bob", "bob@example.org")));
    }

    List<Lead> leads = race(tasks);

    assertEquals(1, leads.stream().filter(l -> l.rejection().isEmpty()).count());
    assertEquals(7, leads.stream().filter(l -> l.rejection().isPresent()).count());
  }
}
