package dev.referral.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Channel;
import dev.referral.core.DispatchSettings;
import dev.referral.core.DispatchSummary;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import dev.referral.core.testing.SettableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of the {@link Notifier} SPI, for every notifier: the shipped ones pass it, and a
 * host runs it against its own by extending this class. Delivering means {@code send} returns
 * normally; the same notification may come twice; several dispatchers call it at once.
 */
public abstract class NotifierContract {

  /** A fresh notifier to test, ready to deliver on every channel of {@link #channels()}. */
  protected abstract Notifier notifier();

  /** The channels the notifier under test delivers on; email only, unless overridden. */
  protected Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  /** Every kind the library schedules is accepted on every channel. */
  @Test
  public void shouldDeliverEveryBuiltInKindOnEachOfItsChannels() throws Exception {
    Notifier notifier = notifier();
    int n = 0;
    for (Channel channel : channels()) {
      for (FollowUpKind kind : SampleNotifications.BUILT_IN_KINDS) {
        notifier.send(SampleNotifications.of("F-" + ++n, kind, channel));
      }
    }
  }

  /** A notification that comes again (same id) is accepted, whether delivered again or not. */
  @Test
  public void shouldAcceptTheSameNotificationAgain() throws Exception {
    // The program sends a notification again when a crash came between sending and recording.
    Notifier notifier = notifier();
    Channel channel = channels().iterator().next();

    notifier.send(SampleNotifications.of("F-1", FollowUpKind.THANK_YOU, channel));
    notifier.send(SampleNotifications.of("F-1", FollowUpKind.THANK_YOU, channel));
  }

  /** Four threads sending at once all succeed. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  public void shouldDeliverFromSeveralThreadsAtOnce() throws Exception {
    Notifier notifier = notifier();
    Channel channel = channels().iterator().next();
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> sends = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        sends.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 250; i++) {
                    notifier.send(
                        SampleNotifications.of(
                            "F-" + thread + "-" + i, FollowUpKind.PROGRESS_UPDATE, channel));
                  }
                  return null;
                }));
      }
      for (Future<?> send : sends) {
        send.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A program's due follow-ups go through it on the first attempt. */
  @Test
  public void shouldDeliverWhatAProgramDispatchesWithoutRetries() {
    // given: a program whose every follow-up travels on the notifier's first channel
    Channel channel = channels().iterator().next();
    FollowUpPolicy.Builder policy = FollowUpPolicy.builder();
    SampleNotifications.BUILT_IN_KINDS.forEach(kind -> policy.channel(kind, channel));
    ReferralProgram program =
        ReferralProgram.builder()
            .clock(SettableClock.at("2026-01-05T09:00:00Z"))
            .policy(policy.build())
            .notifier(notifier())
            .dispatch(DispatchSettings.builder().maxAttempts(1).build())
            .build();
    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.com"));

    // when
    DispatchSummary summary = program.dispatchDueFollowUps();

    // then: onboarding, contact lead, progress update
    assertEquals(new DispatchSummary(3, 0, 0, 0), summary);
    assertTrue(program.dispatchDueFollowUps().equals(DispatchSummary.NONE));
  }
}
