package dev.referral.core.internal;

import dev.referral.core.Subscription;
import dev.referral.core.event.ReferralEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers committed events to listeners; a failing listener is logged and skipped. */
final class EventBus {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  private final List<Consumer<? super ReferralEvent>> listeners = new CopyOnWriteArrayList<>();

  Subscription subscribe(Consumer<? super ReferralEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  <E extends ReferralEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(listener, "listener");
    return subscribe(
        event -> {
          if (type.isInstance(event)) {
            listener.accept(type.cast(event));
          }
        });
  }

  void publish(List<ReferralEvent> events) {
    if (listeners.isEmpty()) {
      return;
    }
    for (ReferralEvent event : events) {
      for (Consumer<? super ReferralEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
          // checked ones too (sneaked past accept()), and a listener's own errors
          log.warn("Event listener {} failed on {}; the change stands", listener, event.id(), e);
        }
      }
    }
  }
}
