package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.referral.core.Enrolment;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.RetrySummary;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.Notifier;
import dev.referral.core.testing.SettableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 8: a throwing policy, notifier or listener never blocks the host and loses nothing. */
class FailureIsolationTest {

  /** Throws {@code t}, even a checked exception, from code that does not declare it. */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** A 25 EUR gift card on every conversion, while {@code broken} is false. */
  private static ReferralPolicy bonus(AtomicBoolean broken, Throwable failure) {
    return ReferralPolicy.named(
        "loyalty bonus",
        (event, context) -> {
          if (!(event instanceof LeadConverted)) {
            return List.of();
          }
          if (broken.get()) {
            throw sneaky(failure);
          }
          return List.of(GrantReward.toReferrer(Incentive.giftCard(eur(25)), "loyalty bonus"));
        });
  }

  @Nested
  class ThrowingPolicies {
    @Test
    void givenAPolicyThrowingACheckedException_whenALeadConverts_thenTheConversionCommits() {
      // given a policy that sneaks a checked exception past its signature
      AtomicBoolean broken = new AtomicBoolean(true);
      Fixture f = new Fixture(b -> b.policy(bonus(broken, new IOException("crm offline"))));
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);
      // when
      f.program.convert(lead.id(), f.order(100));
      // then
      assertEquals(LeadStatus.CONVERTED, f.program.lead(lead.id()).status());
      DecisionFailed failed = f.events(DecisionFailed.class).get(0);
      assertEquals("loyalty bonus", failed.policy());
      assertTrue(failed.error().contains("crm offline"), failed.error());
    }

    @Test
    void givenAPolicyThrowingAnError_whenALeadConverts_thenTheConversionCommitsAndIsRetried() {
      for (Throwable error :
          List.of(
              new StackOverflowError(),
              new AssertionError("rule invariant"),
              new NoClassDefFoundError("com/acme/CrmClient"))) {
        AtomicBoolean broken = new AtomicBoolean(true);
        Fixture f = new Fixture(b -> b.policy(bonus(broken, error)));
        Referrer jane = f.customer("Jane");
        Lead lead = f.refer(jane);

        f.program.convert(lead.id(), f.order(100));

        assertEquals(LeadStatus.CONVERTED, f.program.lead(lead.id()).status(), error::toString);
        assertEquals("loyalty bonus", f.events(DecisionFailed.class).get(0).policy());
        broken.set(false);
        assertEquals(new RetrySummary(1, 0), f.program.retryFailedDecisions(), error::toString);
        assertEquals(1, f.program.rewardsOf(jane.id()).size(), error::toString);
      }
    }

    @Test
    void givenAFixedPolicy_whenRetriedTwiceAndConvertedAgain_thenItGrantsExactlyOnce() {
      // given a conversion whose policy failed
      AtomicBoolean broken = new AtomicBoolean(true);
      Fixture f =
          new Fixture(b -> b.policy(bonus(broken, new IllegalStateException("rules cache cold"))));
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);
      var order = f.order(100);
      f.program.convert(lead.id(), order);
      broken.set(false);
      // when it is retried, the order is replayed, and it is retried again
      RetrySummary first = f.program.retryFailedDecisions();
      f.program.convert(lead.id(), order);
      RetrySummary second = f.program.retryFailedDecisions();
      // then one reward exists
      assertEquals(new RetrySummary(1, 0), first);
      assertEquals(new RetrySummary(0, 0), second);
      List<Reward> rewards = f.program.rewardsOf(jane.id());
      assertEquals(1, rewards.size(), rewards::toString);
      assertEquals(RewardStatus.ISSUED, rewards.get(0).status());
    }

    @Test
    void givenRetriesOnSeveralThreads_whenThePolicyIsFixed_thenItGrantsExactlyOnce()
        throws Exception {
      AtomicBoolean broken = new AtomicBoolean(true);
      Fixture f = new Fixture(b -> b.policy(bonus(broken, new IllegalStateException("timeout"))));
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);
      f.program.convert(lead.id(), f.order(100));
      broken.set(false);

      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Thread t = new Thread(f.program::retryFailedDecisions);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }

      assertEquals(1, f.program.rewardsOf(jane.id()).size());
    }

    @Test
    void givenManyFailuresThatKeepFailing_whenRetried_thenANewerFixedOneIsStillRecovered() {
      // given 250 referrals whose policy keeps failing, then one whose policy is fixed later
      AtomicBoolean broken = new AtomicBoolean(true);
      ReferralPolicy policy =
          ReferralPolicy.named(
              "crm sync",
              (event, context) -> {
                if (event instanceof LeadReferred referred
                    && (context.referrer().orElseThrow().name().equals("Bad") || broken.get())) {
                  throw new IllegalStateException("cannot sync " + referred.leadId());
                }
                return event instanceof LeadReferred
                    ? List.of(GrantReward.toProspect(Incentive.percentDiscount("10"), "welcome"))
                    : List.of();
              });
      Fixture f = new Fixture(b -> b.policy(policy));
      Referrer bad = f.customer("Bad");
      for (int i = 0; i < 250; i++) {
        f.refer(bad);
      }
      Referrer jane = f.customer("Jane");
      Lead lead = f.refer(jane);
      broken.set(false);
      // when
      RetrySummary summary = f.program.retryFailedDecisions();
      // then the newest failure was not starved by the older ones
      assertEquals(new RetrySummary(1, 250), summary);
      assertEquals(1, f.program.rewardsFor(lead.id()).size());
    }
  }

  @Nested
  class ThrowingListeners {
    @Test
    void givenAListenerThrowingACheckedException_whenACommandCommits_thenLaterListenersGetAll() {
      Fixture f = new Fixture();
      f.program.onEvent(
          e -> {
            throw sneaky(new IOException("webhook down"));
          });
      List<ReferralEvent> after = new ArrayList<>();
      f.program.onEvent(after::add);

      Lead lead = f.refer(f.customer("Jane"));
      f.program.convert(lead.id(), f.order(40));

      assertEquals(LeadStatus.CONVERTED, f.program.lead(lead.id()).status());
      assertEquals(f.events(), after);
    }
  }

  @Nested
  class FailingNotifiers {
    @Test
    void givenANotifierThatFailsThenRecovers_whenDispatching_thenEveryFollowUpIsSentOnce()
        throws Exception {
      // given a notifier that fails with checked and unchecked errors before it recovers
      Notifier notifier = mock(Notifier.class);
      List<String> delivered = new ArrayList<>();
      doAnswer(
              inv -> {
                throw new IOException("smtp down");
              })
          .doAnswer(
              inv -> {
                throw new IllegalStateException("rate limited");
              })
          .doAnswer(
              inv -> {
                delivered.add(inv.<dev.referral.core.Notification>getArgument(0).id().value());
                return null;
              })
          .when(notifier)
          .send(any());
      SettableClock clock = SettableClock.at(Fixture.START);
      ReferralProgram program =
          ReferralProgram.builder().clock(clock).notifier(notifier).offer(Fixture.OFFER).build();
      Referrer jane =
          program.enrol(
              Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
      // when dispatching for a day
      for (int i = 0; i < 24 * 6; i++) {
        program.dispatchDueFollowUps();
        clock.advance(Duration.ofMinutes(10));
      }
      // then what was due was delivered exactly once each and nothing is stuck
      List<FollowUp> followUps = program.followUpsOf(jane.id());
      List<String> sent =
          followUps.stream()
              .filter(u -> u.status() == FollowUpStatus.SENT)
              .map(u -> u.id().value())
              .toList();
      assertTrue(!sent.isEmpty(), followUps::toString);
      assertEquals(sent.size(), delivered.size());
      assertEquals(sent.stream().sorted().toList(), delivered.stream().sorted().toList());
      assertTrue(
          followUps.stream().noneMatch(u -> u.status() == FollowUpStatus.FAILED),
          followUps::toString);
    }
  }
}
