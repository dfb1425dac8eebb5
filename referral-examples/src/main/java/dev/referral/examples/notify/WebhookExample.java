package dev.referral.examples.notify;

import dev.referral.core.DispatchSettings;
import dev.referral.core.DispatchSummary;
import dev.referral.core.Enrolment;
import dev.referral.core.Notification;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.Notifier;
import dev.referral.core.testing.SettableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom notifier at work: the {@link WebhookNotifier}'s receiver is down for the first call, the
 * program retries after the backoff, and a notification handed over again (as after a crash) is not
 * posted twice.
 *
 * <p>Run it with {@code mvn -q -pl referral-examples -am test-compile exec:java
 * -Dexec.mainClass=dev.referral.examples.notify.WebhookExample}.
 */
public final class WebhookExample {
  private WebhookExample() {}

  /**
   * What the example did.
   *
   * @param firstRun the dispatch while the receiver was down
   * @param secondRun the dispatch one backoff later
   * @param received the JSON bodies the receiver took, in order
   * @param attemptsSent the attempt number of every sent follow-up, in order
   */
  public record Result(
      DispatchSummary firstRun,
      DispatchSummary secondRun,
      List<String> received,
      List<Integer> attemptsSent) {
    /** Copies the lists. */
    public Result {
      received = List.copyOf(received);
      attemptsSent = List.copyOf(attemptsSent);
    }
  }

  /** A webhook receiver that is down for its first {@code failures} calls. */
  static final class FlakyReceiver implements WebhookNotifier.Endpoint {
    private int failures;
    private final List<String> received = new ArrayList<>();

    FlakyReceiver(int failures) {
      this.failures = failures;
    }

    @Override
    public synchronized void post(String idempotencyKey, String json) throws IOException {
      if (failures > 0) {
        failures--;
        throw new IOException("503 Service Unavailable");
      }
      received.add(json);
    }

    synchronized List<String> received() {
      return List.copyOf(received);
    }
  }

  /** Runs the example, printing to {@code out}. */
  public static Result run(PrintStream out) throws IOException {
    SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
    FlakyReceiver receiver = new FlakyReceiver(1);
    WebhookNotifier webhook = new WebhookNotifier(receiver);
    List<Notification> handedOver = new ArrayList<>(); // kept to replay one, as a crash would
    Notifier notifier =
        n -> {
          handedOver.add(n);
          webhook.send(n);
        };
    ReferralProgram program =
        ReferralProgram.builder()
            .clock(clock)
            .notifier(notifier)
            .idGenerator(IdGenerator.sequential())
            .dispatch(
                DispatchSettings.builder()
                    .backoff(Duration.ofMinutes(1), 2.0, Duration.ofHours(1))
                    .jitter(0)
                    .build())
            .build();
    List<Integer> attempts = new ArrayList<>();
    program.on(
        FollowUpSent.class,
        sent -> {
          attempts.add(sent.attempt());
          out.println(
              "  sent " + sent.followUpId() + " " + sent.kind() + ", attempt " + sent.attempt());
        });

    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.com"));

    out.println(clock.instant() + " dispatch, the receiver is down for one call:");
    DispatchSummary first = program.dispatchDueFollowUps();
    out.println("  " + first);
    clock.advance(Duration.ofMinutes(1));
    out.println(clock.instant() + " dispatch, one backoff later:");
    DispatchSummary second = program.dispatchDueFollowUps();
    out.println("  " + second);

    Notification again = handedOver.get(handedOver.size() - 1);
    webhook.send(again);
    out.println("Handed " + again.id() + " over again: the receiver still has it once.");
    out.println("The receiver took " + receiver.received().size() + " notifications:");
    receiver.received().forEach(json -> out.println("  " + json));
    return new Result(first, second, receiver.received(), attempts);
  }

  /** Runs the example. */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }
}
