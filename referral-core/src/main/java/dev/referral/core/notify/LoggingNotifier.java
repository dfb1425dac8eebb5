package dev.referral.core.notify;

import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every notification (kind, id, recipient, channel, attempt and data, which holds names) to
 * an SLF4J logger at INFO and delivers nothing else. The default notifier, for development. This
 * class is thread-safe.
 */
public final class LoggingNotifier implements Notifier {
  private final Logger log;

  /** A notifier that logs to {@code dev.referral.notifications}. */
  public LoggingNotifier() {
    this(LoggerFactory.getLogger("dev.referral.notifications"));
  }

  /** A notifier that logs to {@code logger}. */
  public LoggingNotifier(Logger logger) {
    this.log = Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    log.info(
        "{} {} to {} {} ({}, attempt {}): {}",
        notification.kind(),
        notification.id(),
        notification.recipient().audience(),
        notification.recipient().name(),
        notification.channel(),
        notification.attempt(),
        notification.data());
  }

  @Override
  public String toString() {
    return "LoggingNotifier[" + log.getName() + "]";
  }
}
