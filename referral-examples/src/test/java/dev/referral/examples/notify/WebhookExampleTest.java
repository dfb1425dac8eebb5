package dev.referral.examples.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Notification;
import dev.referral.core.Recipient;
import dev.referral.core.ReferrerId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookExampleTest {

  private static Notification notification(String id) {
    return new Notification(
        FollowUpId.of(id),
        FollowUpKind.THANK_YOU,
        Channel.EMAIL,
        new Recipient(
            Audience.REFERRER,
            "Jane",
            Optional.of("jane@example.com"),
            Optional.empty(),
            ReferrerId.of("R-1"),
            Optional.empty()),
        Map.of("reward", "10.00 EUR credit", "referrerName", "Jane"),
        1,
        Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void
      givenAReceiverDownForOneCall_whenTheExampleRuns_thenTheProgramRetriesAndNothingIsPostedTwice()
          throws IOException {
    WebhookExample.Result result =
        WebhookExample.run(new PrintStream(OutputStream.nullOutputStream()));

    assertEquals(new DispatchSummary(2, 1, 0, 0), result.firstRun());
    assertEquals(new DispatchSummary(1, 0, 0, 0), result.secondRun());
    assertEquals(List.of(1, 1, 2), result.attemptsSent());
    assertEquals(3, result.received().size(), "one post per notification, the replay skipped");
    assertTrue(result.received().get(2).contains("\"kind\":\"ONBOARDING\""));
    assertTrue(result.received().get(2).contains("\"attempt\":2"));
  }

  @Test
  void givenTheSameNotificationTwice_whenSent_thenItIsPostedOnce() throws IOException {
    WebhookExample.FlakyReceiver receiver = new WebhookExample.FlakyReceiver(0);
    WebhookNotifier webhook = new WebhookNotifier(receiver);

    webhook.send(notification("F-1"));
    webhook.send(notification("F-1"));
    webhook.send(notification("F-2"));

    assertEquals(2, receiver.received().size());
  }

  @Test
  void givenAFailingReceiver_whenSent_thenItThrowsAndTheNextAttemptPostsAgain() throws IOException {
    WebhookExample.FlakyReceiver receiver = new WebhookExample.FlakyReceiver(1);
    WebhookNotifier webhook = new WebhookNotifier(receiver);

    assertThrows(IOException.class, () -> webhook.send(notification("F-1")));
    webhook.send(notification("F-1"));

    assertEquals(1, receiver.received().size());
  }

  @Test
  void givenANotification_whenRenderedAsJson_thenItCarriesTheIdRecipientAndSortedData() {
    String json = WebhookNotifier.toJson(notification("F-7"));

    assertEquals(
        "{\"id\":\"F-7\",\"kind\":\"THANK_YOU\",\"channel\":\"EMAIL\",\"attempt\":1,"
            + "\"dueAt\":\"2026-03-02T09:00:00Z\",\"recipient\":{\"audience\":\"REFERRER\","
            + "\"name\":\"Jane\",\"email\":\"jane@example.com\"},"
            + "\"data\":{\"referrerName\":\"Jane\",\"reward\":\"10.00 EUR credit\"}}",
        json);
  }
}
