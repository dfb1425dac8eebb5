package dev.referral.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.spi.Notifier;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class LoggingNotifierTest extends NotifierContract {

  @Override
  protected Notifier notifier() {
    return new LoggingNotifier();
  }

  @Override
  protected Set<Channel> channels() {
    return Set.of(Channel.EMAIL, Channel.SMS, Channel.LETTER, Channel.of("PUSH"));
  }

  private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
  private final LoggingNotifier notifier =
      new LoggingNotifier(
          new EventRecordingLogger(new SubstituteLogger("notifications", events, false), events));

  @Test
  void shouldLogEachNotificationAtInfoWithItsKindIdRecipientChannelAttemptAndData() {
    // when
    notifier.send(SampleNotifications.of("F-7", FollowUpKind.THANK_YOU, Channel.SMS));

    // then
    assertEquals(1, events.size());
    SubstituteLoggingEvent event = events.remove();
    assertEquals(Level.INFO, event.getLevel());
    assertEquals(
        "THANK_YOU F-7 to REFERRER Jane (SMS, attempt 1):"
            + " {leadName=Bob, referralCode=JANE10, referrerName=Jane}",
        MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray()).getMessage());
  }

  @Test
  void shouldNameItsLogger() {
    assertEquals("LoggingNotifier[dev.referral.notifications]", new LoggingNotifier().toString());
  }

  @Test
  void shouldRejectNullsNamingTheArgument() {
    assertEquals(
        "notification",
        assertThrows(NullPointerException.class, () -> notifier.send(null)).getMessage());
    assertEquals(
        "logger",
        assertThrows(NullPointerException.class, () -> new LoggingNotifier(null)).getMessage());
  }
}
