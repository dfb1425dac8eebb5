package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Notification;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Stubber;

/** Retries with backoff, failure after the last attempt, and leases that run out (issue 3). */
class DispatchRetryTest {

  /** Only onboarding messages, so that each enrolment makes exactly one due follow-up. */
  private static final FollowUpPolicy ONBOARDING_ONLY =
      FollowUpPolicy.builder().disable(FollowUpKind.KEEP_IN_TOUCH).build();

  private static final IOException SMTP_DOWN = new IOException("smtp down");

  /** Dispatches every 10 seconds for {@code span}; returns "offset: summary" for active runs. */
  private static List<String> dispatchEvery10Seconds(FollowUpFixture fx, Duration span) {
    Instant start = fx.clock.instant();
    List<String> runs = new ArrayList<>();
    while (!fx.clock.instant().isAfter(start.plus(span))) {
      DispatchSummary summary = fx.program.dispatchDueFollowUps();
      if (!summary.equals(DispatchSummary.NONE)) {
        runs.add(Duration.between(start, fx.clock.instant()) + ": " + summary);
      }
      fx.advance(Duration.ofSeconds(10));
    }
    return runs;
  }

  /** A mock notifier that fails {@code failures} times, then delivers. */
  private static Notifier failingTimes(int failures) throws Exception {
    Notifier notifier = mock(Notifier.class);
    Stubber stubs = doThrow(SMTP_DOWN);
    for (int i = 1; i < failures; i++) {
      stubs = stubs.doThrow(SMTP_DOWN);
    }
    stubs.doNothing().when(notifier).send(any());
    return notifier;
  }

  /** Onboarding only, waits of 1, 2, 4... minutes up to an hour, {@code maxAttempts} attempts. */
  private static FollowUpFixture doublingFromOneMinute(Notifier notifier, int maxAttempts) {
    return FollowUpFixture.builder()
        .policy(ONBOARDING_ONLY)
        .notifier(notifier)
        .dispatch(
            b ->
                b.maxAttempts(maxAttempts).backoff(Duration.ofMinutes(1), 2.0, Duration.ofHours(1)))
        .build();
  }

  /** How {@link #dispatchEvery10Seconds} reports a run. */
  private static String run(String offset, int sent, int retried, int failed) {
    return offset + ": " + new DispatchSummary(sent, retried, failed, 0);
  }

  @Nested
  class WhenTheNotifierFailsAndThenRecovers {

    @Test
    void shouldRetryWithExponentialBackoffUntilDeliveredExactlyOnce() throws Exception {
      // given: a notifier that fails three times, then succeeds
      Notifier notifier = failingTimes(3);
      FollowUpFixture fx = doublingFromOneMinute(notifier, 5);
      List<FollowUpSent> sentEvents = new ArrayList<>();
      fx.program.on(FollowUpSent.class, sentEvents::add);
      Referrer jane = fx.customer("Jane");

      // when
      List<String> runs = dispatchEvery10Seconds(fx, Duration.ofMinutes(30));

      // then: waits of 1, 2 and 4 minutes
      assertEquals(
          List.of(
              run("PT0S", 0, 1, 0),
              run("PT1M", 0, 1, 0),
              run("PT3M", 0, 1, 0),
              run("PT7M", 1, 0, 0)),
          runs);
      ArgumentCaptor<Notification> captor = ArgumentCaptor.forClass(Notification.class);
      verify(notifier, times(4)).send(captor.capture());
      List<Notification> attempts = captor.getAllValues();
      FollowUp onboarding =
          fx.followUps(jane.id(), FollowUpKind.ONBOARDING, FollowUpStatus.SENT).get(0);
      for (int i = 0; i < attempts.size(); i++) {
        assertEquals(onboarding.id(), attempts.get(i).id(), "the id is stable across retries");
        assertEquals(i + 1, attempts.get(i).attempt());
      }
      assertEquals(
          List.of(
              FollowUpFixture.START,
              FollowUpFixture.START.plus(Duration.ofMinutes(1)),
              FollowUpFixture.START.plus(Duration.ofMinutes(3)),
              FollowUpFixture.START.plus(Duration.ofMinutes(7))),
          attempts.stream().map(Notification::dueAt).toList());
      assertEquals(4, onboarding.attempts());
      assertEquals(1, sentEvents.size());
      assertEquals(4, sentEvents.get(0).attempt());
    }

    @Test
    void shouldCapTheWaitAtTheMaximumBackoff() throws Exception {
      // given
      Notifier notifier = failingTimes(3);
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(ONBOARDING_ONLY)
              .notifier(notifier)
              .dispatch(
                  b -> b.maxAttempts(5).backoff(Duration.ofMinutes(1), 10.0, Duration.ofMinutes(5)))
              .build();
      fx.customer("Jane");

      // when
      List<String> runs = dispatchEvery10Seconds(fx, Duration.ofMinutes(30));

      // then: waits of 1, 5 (not 10) and 5 (not 100) minutes
      assertEquals(
          List.of("PT0S", "PT1M", "PT6M", "PT11M"),
          runs.stream().map(r -> r.substring(0, r.indexOf(':'))).toList());
    }

    @Test
    void shouldKeepJitteredWaitsWithinTheJitterBand() {
      // given: 200 follow-ups whose first attempt fails, with 50% jitter around 60 seconds
      Notifier failing =
          n -> {
            throw SMTP_DOWN;
          };
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(ONBOARDING_ONLY)
              .notifier(failing)
              .dispatch(b -> b.jitter(0.5).backoff(Duration.ofMinutes(1), 2.0, Duration.ofHours(1)))
              .build();
      for (int i = 0; i < 200; i++) {
        fx.customer("Referrer" + i);
      }

      // when
      DispatchSummary summary = fx.program.dispatchDueFollowUps();

      // then
      assertEquals(new DispatchSummary(0, 200, 0, 0), summary);
      Set<Duration> waits = new HashSet<>();
      for (int i = 1; i <= 200; i++) {
        FollowUp f = fx.program.followUpsOf(ReferrerId.of("R-" + i)).get(0);
        Duration wait = Duration.between(fx.clock.instant(), f.dueAt());
        assertTrue(
            wait.compareTo(Duration.ofSeconds(30)) >= 0
                && wait.compareTo(Duration.ofSeconds(90)) <= 0,
            () -> "wait " + wait + " outside [30s, 90s]");
        waits.add(wait);
      }
      assertTrue(waits.size() > 100, () -> "waits hardly vary: " + waits.size() + " distinct");
    }
  }

  @Nested
  class WhenTheNotifierAlwaysFails {

    @Test
    void shouldMarkTheFollowUpFailedAfterTheLastAttemptAndEmitAnEvent() throws Exception {
      // given
      Notifier notifier = mock(Notifier.class);
      doThrow(SMTP_DOWN).when(notifier).send(any());
      FollowUpFixture fx = doublingFromOneMinute(notifier, 3);
      List<FollowUpFailed> failedEvents = new ArrayList<>();
      fx.program.on(FollowUpFailed.class, failedEvents::add);
      Referrer jane = fx.customer("Jane");

      // when
      List<String> runs = dispatchEvery10Seconds(fx, Duration.ofHours(2));

      // then
      assertEquals(List.of(run("PT0S", 0, 1, 0), run("PT1M", 0, 1, 0), run("PT3M", 0, 0, 1)), runs);
      verify(notifier, times(3)).send(any());
      FollowUp failed =
          fx.followUps(jane.id(), FollowUpKind.ONBOARDING, FollowUpStatus.FAILED).get(0);
      assertEquals(3, failed.attempts());
      assertEquals(Optional.of(SMTP_DOWN.toString()), failed.note());
      assertEquals(
          Optional.of(FollowUpFixture.START.plus(Duration.ofMinutes(3))), failed.closedAt());
      assertEquals(1, failedEvents.size());
      FollowUpFailed event = failedEvents.get(0);
      assertEquals(failed.id(), event.followUpId());
      assertEquals(FollowUpKind.ONBOARDING, event.kind());
      assertEquals(jane.id(), event.referrerId());
      assertEquals(3, event.attempts());
      assertEquals(SMTP_DOWN.toString(), event.error());
    }

    @Test
    void shouldScheduleTheNextQuarterlyLetterEvenWhenOneFails() {
      // given
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(FollowUpPolicy.builder().disable(FollowUpKind.ONBOARDING).build())
              .notifier(
                  n -> {
                    throw SMTP_DOWN;
                  })
              .dispatch(b -> b.maxAttempts(1))
              .build();
      Referrer jane = fx.customer("Jane");

      // when
      fx.clock.set(Instant.parse("2026-04-05T09:00:00Z"));
      DispatchSummary summary = fx.program.dispatchDueFollowUps();

      // then
      assertEquals(new DispatchSummary(0, 0, 1, 0), summary);
      assertEquals(
          Instant.parse("2026-07-05T09:00:00Z"),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.KEEP_IN_TOUCH));
    }
  }

  @Nested
  class WhenALeaseRunsOut {

    @Test
    void shouldReclaimAFollowUpOfACrashedDispatcherAndDeliverItWithTheSameId() throws Exception {
      // given: the first delivery kills the dispatcher after it claimed the follow-up
      Notifier notifier = mock(Notifier.class);
      doThrow(new FollowUpFixture.DispatcherCrash()).doNothing().when(notifier).send(any());
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(ONBOARDING_ONLY)
              .notifier(notifier)
              .dispatch(b -> b.lease(Duration.ofMinutes(5)))
              .build();
      Referrer jane = fx.customer("Jane");
      assertThrows(FollowUpFixture.DispatcherCrash.class, fx.program::dispatchDueFollowUps);
      FollowUp claimed = fx.program.followUpsOf(jane.id()).get(0);
      assertEquals(FollowUpStatus.CLAIMED, claimed.status());

      // when: another run before the lease ends, then one after it
      fx.advance(Duration.ofMinutes(4));
      DispatchSummary early = fx.program.dispatchDueFollowUps();
      fx.advance(Duration.ofMinutes(1));
      DispatchSummary late = fx.program.dispatchDueFollowUps();

      // then
      assertEquals(DispatchSummary.NONE, early);
      assertEquals(new DispatchSummary(1, 0, 0, 0), late);
      ArgumentCaptor<Notification> captor = ArgumentCaptor.forClass(Notification.class);
      verify(notifier, times(2)).send(captor.capture());
      assertEquals(claimed.id(), captor.getAllValues().get(0).id());
      assertEquals(claimed.id(), captor.getAllValues().get(1).id());
      assertEquals(2, captor.getAllValues().get(1).attempt());
      assertEquals(FollowUpStatus.SENT, fx.program.followUpsOf(jane.id()).get(0).status());
    }

    @Test
    void shouldNotDeliverTheRestOfABatchWhoseLeaseRanOut() {
      // given: two due follow-ups claimed in one batch; the first delivery takes longer than the
      // lease, and meanwhile a second dispatcher takes over the second follow-up
      Map<FollowUpId, AtomicInteger> deliveries = new ConcurrentHashMap<>();
      FollowUpFixture[] holder = new FollowUpFixture[1];
      AtomicBoolean slow = new AtomicBoolean(true);
      Notifier notifier =
          n -> {
            deliveries.computeIfAbsent(n.id(), id -> new AtomicInteger()).incrementAndGet();
            if (slow.getAndSet(false)) {
              holder[0].advance(Duration.ofMinutes(6));
            }
          };
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(ONBOARDING_ONLY)
              .notifier(notifier)
              .dispatch(b -> b.lease(Duration.ofMinutes(5)).batchSize(10))
              .build();
      holder[0] = fx;
      AtomicBoolean secondDispatcherRan = new AtomicBoolean();
      List<DispatchSummary> second = new ArrayList<>();
      fx.program.on(
          FollowUpSent.class,
          e -> {
            if (!secondDispatcherRan.getAndSet(true)) {
              second.add(fx.program.dispatchDueFollowUps());
            }
          });
      fx.customer("Jane");
      fx.customer("John");

      // when
      DispatchSummary first = fx.program.dispatchDueFollowUps();

      // then
      assertEquals(new DispatchSummary(1, 0, 0, 0), first);
      assertEquals(List.of(new DispatchSummary(1, 0, 0, 0)), second);
      assertEquals(2, deliveries.size());
      deliveries.forEach((id, count) -> assertEquals(1, count.get(), () -> id + " deliveries"));
    }
  }
}
