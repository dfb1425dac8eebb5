package dev.referral.core.notify;

import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every notification to the SLF4J logger {@code dev.referral.notifications} at INFO and
 * delivers nothing else. The default notifier, for development. This class is thread-safe.
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger("dev.referral.notifications");

  /** A logging notifier. */
  public LoggingNotifier() {}

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    log.info(
        "{} {} to {} {} ({}): {}",
        notification.kind(),
        notification.id(),
        notification.recipient().audience(),
        notification.recipient().name(),
        notification.channel(),
        notification.data());
  }

  @Override
  public String toString() {
    return "LoggingNotifier";
  }
}
