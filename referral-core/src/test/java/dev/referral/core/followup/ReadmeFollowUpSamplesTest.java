package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Channel;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Offer;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.notify.ChannelRoutingNotifier;
import dev.referral.core.notify.RecordingNotifier;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The "Follow-ups and notifications" samples of the README, word for word, run. */
class ReadmeFollowUpSamplesTest {
  private static final Logger log = LoggerFactory.getLogger(ReadmeFollowUpSamplesTest.class);

  /** The host's mail gateway. */
  interface Mailer {
    void send(String to, String template, Map<String, String> data, String messageId)
        throws IOException;
  }

  private final List<String> mails = new CopyOnWriteArrayList<>();
  private final CountDownLatch mailed = new CountDownLatch(1);
  private final Mailer mailer =
      (to, template, data, id) -> {
        mails.add(template + " to " + to);
        mailed.countDown();
      };
  private final Notifier printShop = new RecordingNotifier();
  private final Offer offer = FollowUpFixture.OFFER;

  private Notifier emailNotifier() {
    Notifier email =
        n ->
            mailer.send(
                n.recipient().email().orElseThrow(), n.kind().name(), n.data(), n.id().value());
    return email;
  }

  private ReferralProgram program(Notifier email) {
    ReferralProgram program =
        ReferralProgram.builder()
            .offer(offer)
            .policy(
                DoubleSidedPolicy.of(offer)
                    .and(FollowUpPolicy.builder().nurture(Duration.ofDays(5), 2).build()))
            .notifier(
                ChannelRoutingNotifier.builder()
                    .route(Channel.EMAIL, email)
                    .route(Channel.LETTER, printShop)
                    .build())
            .build();
    return program;
  }

  private static ScheduledExecutorService schedule(ReferralProgram program) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            program.dispatchDueFollowUps();
          } catch (RuntimeException e) { // one failed run must not end the schedule
            log.warn("Dispatching follow-ups failed; the next run tries again", e);
          }
        },
        0,
        1,
        TimeUnit.MINUTES);
    return scheduler;
  }

  @Test
  void shouldDeliverThroughTheSampleNotifierOnTheSampleSchedule() throws Exception {
    // given
    ReferralProgram program = program(emailNotifier());
    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());

    // when: the first scheduled run
    ScheduledExecutorService scheduler = schedule(program);
    try {
      assertTrue(mailed.await(30, TimeUnit.SECONDS), "the first run mailed");
    } finally {
      scheduler.shutdownNow();
      assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
    }

    // then
    assertEquals(List.of("ONBOARDING to jane@example.com"), mails);
    assertEquals(
        FollowUpStatus.SENT,
        program.followUpsOf(jane.id()).stream()
            .filter(f -> f.kind().equals(FollowUpKind.ONBOARDING))
            .findFirst()
            .orElseThrow()
            .status());
  }
}
