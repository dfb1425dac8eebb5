package dev.referral.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingNotifierTest extends NotifierContract {

  @Override
  protected Notifier notifier() {
    return new RecordingNotifier();
  }

  private final RecordingNotifier recorder = new RecordingNotifier();
  private final Notification thanks = SampleNotifications.THANKS_BY_EMAIL;
  private final Notification letter = SampleNotifications.LETTER;
  private final Notification thanksAgain =
      SampleNotifications.of("F-3", FollowUpKind.THANK_YOU, Channel.SMS);

  @Test
  void shouldKeepEveryNotificationInTheOrderSent() {
    recorder.send(thanks);
    recorder.send(letter);
    recorder.send(thanksAgain);

    assertEquals(List.of(thanks, letter, thanksAgain), recorder.notifications());
    assertEquals(List.of(thanks, thanksAgain), recorder.notifications(FollowUpKind.THANK_YOU));
    assertEquals("RecordingNotifier[3 notifications]", recorder.toString());
  }

  @Test
  void shouldReturnACopyThatLaterSendsDoNotChange() {
    recorder.send(thanks);
    List<Notification> before = recorder.notifications();

    recorder.send(letter);

    assertEquals(List.of(thanks), before);
    assertThrows(UnsupportedOperationException.class, () -> before.add(letter));
  }

  @Test
  void shouldForgetEverythingOnClear() {
    recorder.send(thanks);

    recorder.clear();

    assertEquals(List.of(), recorder.notifications());
  }

  @Test
  void shouldRejectNullsNamingTheArgument() {
    assertEquals(
        "notification",
        assertThrows(NullPointerException.class, () -> recorder.send(null)).getMessage());
    assertEquals(
        "kind",
        assertThrows(NullPointerException.class, () -> recorder.notifications(null)).getMessage());
  }
}
