package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Referrer;
import dev.referral.core.RetrySummary;
import dev.referral.core.Reward;
import dev.referral.core.Subscription;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.DecisionRecovered;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventsAndPoliciesTest {

  @Nested
  class Listeners {
    final Fixture f = new Fixture();

    @Test
    void shouldDeliverEveryCommittedEventInTheOrderOfTheLog() {
      Lead lead = f.refer(f.customer("Jane"));
      f.program.convert(lead.id(), f.order(50));

      assertEquals(f.events(), f.published);
      assertTrue(f.published.stream().allMatch(e -> e.at().equals(Fixture.START)));
    }

    @Test
    void shouldDeliverEventsOfOneTypeAndStopAfterClosing() {
      List<LeadReferred> referred = new ArrayList<>();
      Subscription subscription = f.program.on(LeadReferred.class, referred::add);
      Referrer jane = f.customer("Jane");
      f.refer(jane);
      subscription.close();
      f.refer(jane);

      assertEquals(1, referred.size());
    }

    @Test
    void shouldKeepTheChangeWhenAListenerFails() {
      f.program.onEvent(
          e -> {
            throw new IllegalStateException("webhook down");
          });
      List<ReferralEvent> after = new ArrayList<>();
      f.program.onEvent(after::add);

      Lead lead = f.refer(f.customer("Jane"));

      assertEquals(LeadStatus.REFERRED, f.program.lead(lead.id()).status());
      assertEquals(f.events(), after);
    }

    @Test
    void shouldNotPublishEventsOfACommandThatFailed() {
      Lead lead = f.refer(f.customer("Jane"));
      int published = f.published.size();

      try {
        f.program.move(lead.id(), LeadStatus.QUALIFIED, "skip");
      } catch (RuntimeException expected) {
        // illegal move
      }

      assertEquals(published, f.published.size());
    }
  }

  @Nested
  class FailingPolicies {
    @Test
    void shouldCommitTheChangeRecordTheFailureAndGrantOnRetry() {
      // given a policy that fails once on conversions
      AtomicBoolean broken = new AtomicBoolean(true);
      ReferralPolicy flaky =
          ReferralPolicy.named(
              "flaky bonus",
              (event, context) -> {
                if (event instanceof LeadConverted) {
                  if (broken.get()) {
                    throw new IllegalStateException("rule store unreachable");
                  }
                  return List.of(
                      GrantReward.toReferrer(Incentive.giftCard(eur(25)), "flaky bonus"));
                }
                return List.of();
              });
      Fixture f = new Fixture(b -> b.policy(flaky));
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);
      // when
      f.program.convert(lead.id(), f.order(100));
      // then the conversion stands and the failure is recorded with the policy's name
      assertEquals(LeadStatus.CONVERTED, f.program.lead(lead.id()).status());
      DecisionFailed failed = f.events(DecisionFailed.class).get(0);
      assertEquals("flaky bonus", failed.policy());
      assertTrue(failed.error().contains("rule store unreachable"));
      assertTrue(f.program.rewardsOf(jane.id()).isEmpty());
      // and a retry while still broken keeps it failing
      assertEquals(new RetrySummary(0, 1), f.program.retryFailedDecisions());
      // and a retry once fixed grants exactly once
      broken.set(false);
      assertEquals(new RetrySummary(1, 0), f.program.retryFailedDecisions());
      assertEquals(new RetrySummary(0, 0), f.program.retryFailedDecisions());
      List<Reward> rewards = f.program.rewardsOf(jane.id());
      assertEquals(1, rewards.size());
      assertEquals(Incentive.giftCard(eur(25)), rewards.get(0).incentive());
      assertEquals(1, f.events(DecisionRecovered.class).size());
    }

    @Test
    void shouldApplyTheOtherPoliciesDecisionsWhenOneFails() {
      ReferralPolicy failing =
          ReferralPolicy.named(
              "broken",
              (e, c) -> {
                throw new IllegalArgumentException("bad rule");
              });
      ReferralPolicy working =
          (e, c) ->
              e instanceof LeadConverted
                  ? List.of(GrantReward.toReferrer(Incentive.credit(eur(10)), "credit"))
                  : List.of();
      Fixture f = new Fixture(b -> b.policy(failing.and(working)));
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);

      f.program.convert(lead.id(), f.order(100));

      assertEquals(1, f.program.rewardsOf(jane.id()).size());
      assertTrue(
          f.events(DecisionFailed.class).stream().allMatch(d -> d.policy().equals("broken")));
    }

    @Test
    void shouldRecordAnInvalidDecisionAsAFailureOfItsPolicy() {
      // a commission needs an order amount; granting it on a referral is a policy bug
      ReferralPolicy wrong =
          (e, c) ->
              e instanceof LeadReferred
                  ? List.of(
                      GrantReward.toReferrer(Incentive.commission("10"), "misplaced commission"))
                  : List.of();
      Fixture f = new Fixture(b -> b.policy(wrong));

      Lead lead = f.refer(f.customer("Jane"));

      assertEquals(LeadStatus.REFERRED, f.program.lead(lead.id()).status());
      assertEquals("misplaced commission", f.events(DecisionFailed.class).get(0).policy());
    }
  }
}
