package dev.referral.core.spi;

import dev.referral.core.Notification;

/**
 * Delivers notifications (email, SMS, letters...). The program calls it outside any store
 * transaction, from {@code dispatchDueFollowUps}.
 *
 * <p>Contract, checked by the {@code NotifierContract} test suite: {@link #send} returns normally
 * only when the notification was handed over for delivery; any exception means it was not, and the
 * program retries it with backoff. The same {@link Notification#id()} may arrive more than once
 * (after a crash between sending and recording the send), so a notifier that must not repeat itself
 * de-duplicates by id. Implementations must be thread-safe: several dispatchers may call them at
 * once.
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers {@code notification}.
   *
   * @throws Exception if it was not delivered; the program will retry
   */
  void send(Notification notification) throws Exception;
}
