package dev.referral.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.referral.core.Channel;
import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Notification;
import dev.referral.core.Referrer;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.followup.FollowUpFixture;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChannelRoutingNotifierTest extends NotifierContract {

  @Override
  protected Notifier notifier() {
    return ChannelRoutingNotifier.builder()
        .route(Channel.EMAIL, new RecordingNotifier())
        .route(Channel.SMS, new RecordingNotifier())
        .route(Channel.LETTER, new RecordingNotifier())
        .build();
  }

  @Override
  protected Set<Channel> channels() {
    return Set.of(Channel.EMAIL, Channel.SMS, Channel.LETTER);
  }

  private final RecordingNotifier email = new RecordingNotifier();
  private final RecordingNotifier letters = new RecordingNotifier();
  private final Notification thanks = SampleNotifications.THANKS_BY_EMAIL;
  private final Notification letter = SampleNotifications.LETTER;
  private final Notification text = SampleNotifications.REMINDER_BY_SMS;

  @Nested
  class Routing {

    @Test
    void shouldHandEachNotificationToTheNotifierOfItsChannel() throws Exception {
      Notifier router =
          ChannelRoutingNotifier.builder()
              .route(Channel.EMAIL, email)
              .route(Channel.LETTER, letters)
              .build();

      router.send(thanks);
      router.send(letter);

      assertEquals(List.of(thanks), email.notifications());
      assertEquals(List.of(letter), letters.notifications());
    }

    @Test
    void shouldHandAnUnroutedChannelToTheFallback() throws Exception {
      RecordingNotifier fallback = new RecordingNotifier();
      Notifier router =
          ChannelRoutingNotifier.builder().route(Channel.EMAIL, email).fallback(fallback).build();

      router.send(text);

      assertEquals(List.of(), email.notifications());
      assertEquals(List.of(text), fallback.notifications());
    }

    @Test
    void shouldFailOnAnUnroutedChannelWithoutAFallback() {
      Notifier router = ChannelRoutingNotifier.builder().route(Channel.EMAIL, email).build();

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> router.send(text));

      assertEquals("no notifier for channel SMS of F-3", e.getMessage());
    }

    @Test
    void shouldPassOnTheFailureOfARoute() throws Exception {
      Notifier smtp = mock(Notifier.class);
      IOException down = new IOException("smtp down");
      doThrow(down).when(smtp).send(any());
      Notifier router = ChannelRoutingNotifier.builder().route(Channel.EMAIL, smtp).build();

      assertSame(down, assertThrows(IOException.class, () -> router.send(thanks)));
    }
  }

  @Nested
  class InAProgram {

    @Test
    void shouldRetryAFollowUpOnAnUnroutedChannelAndMarkItFailedNeverDroppingIt() {
      // given: quarterly letters, but no route for letters
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .policy(FollowUpPolicy.builder().disable(FollowUpKind.ONBOARDING).build())
              .notifier(ChannelRoutingNotifier.builder().route(Channel.EMAIL, email).build())
              .dispatch(
                  d -> d.maxAttempts(3).backoff(Duration.ofMinutes(1), 2, Duration.ofHours(1)))
              .build();
      List<FollowUpFailed> failures = new ArrayList<>();
      fx.program.on(FollowUpFailed.class, failures::add);
      Referrer jane = fx.customer("Jane");
      fx.advance(Duration.ofDays(90));

      // when
      List<DispatchSummary> runs = new ArrayList<>();
      for (int minute = 0; minute <= 10; minute++) {
        runs.add(fx.program.dispatchDueFollowUps());
        fx.advance(Duration.ofMinutes(1));
      }

      // then
      assertEquals(
          List.of(
              new DispatchSummary(0, 1, 0, 0),
              new DispatchSummary(0, 1, 0, 0),
              new DispatchSummary(0, 0, 1, 0)),
          runs.stream().filter(r -> !r.equals(DispatchSummary.NONE)).toList());
      FollowUp letter =
          fx.followUps(jane.id(), FollowUpKind.KEEP_IN_TOUCH, FollowUpStatus.FAILED).get(0);
      assertEquals(3, letter.attempts());
      assertTrue(
          letter.note().orElseThrow().contains("no notifier for channel LETTER"), letter::toString);
      assertEquals(1, failures.size());
      assertEquals(letter.id(), failures.get(0).followUpId());
      assertEquals(List.of(), email.notifications());
    }
  }

  @Nested
  class Building {

    @Test
    void shouldRejectASecondRouteForAChannel() {
      ChannelRoutingNotifier.Builder builder =
          ChannelRoutingNotifier.builder().route(Channel.SMS, email);

      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> builder.route(Channel.SMS, letters));

      assertTrue(e.getMessage().startsWith("channel SMS was already routed to "), e::getMessage);
    }

    @Test
    void shouldRejectASecondFallback() {
      ChannelRoutingNotifier.Builder builder = ChannelRoutingNotifier.builder().fallback(email);

      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> builder.fallback(letters));

      assertTrue(e.getMessage().startsWith("fallback was already set to "), e::getMessage);
    }

    @Test
    void shouldRejectARouterWithNowhereToRoute() {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> ChannelRoutingNotifier.builder().build());

      assertEquals("a router needs at least one route or a fallback", e.getMessage());
    }

    @Test
    void shouldRejectNullsNamingTheArgument() {
      ChannelRoutingNotifier.Builder builder = ChannelRoutingNotifier.builder();

      FollowUpFixture.assertNullRejected("channel", () -> builder.route(null, email));
      FollowUpFixture.assertNullRejected("notifier", () -> builder.route(Channel.SMS, null));
      FollowUpFixture.assertNullRejected("notifier", () -> builder.fallback(null));
      FollowUpFixture.assertNullRejected(
          "notification", () -> builder.route(Channel.SMS, email).build().send(null));
    }

    @Test
    void shouldNameItsRoutes() {
      assertEquals(
          "ChannelRoutingNotifier[EMAIL, LETTER]",
          ChannelRoutingNotifier.builder()
              .route(Channel.EMAIL, email)
              .route(Channel.LETTER, letters)
              .build()
              .toString());
    }
  }
}
