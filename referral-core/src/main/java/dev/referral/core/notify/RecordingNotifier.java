package dev.referral.core.notify;

import dev.referral.core.FollowUpKind;
import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Keeps every notification it is given, in order, for tests. This class is thread-safe. */
public final class RecordingNotifier implements Notifier {
  private final List<Notification> sent = new ArrayList<>();

  /** An empty recorder. */
  public RecordingNotifier() {}

  @Override
  public synchronized void send(Notification notification) {
    sent.add(Objects.requireNonNull(notification, "notification"));
  }

  /** Everything sent so far, oldest first. */
  public synchronized List<Notification> notifications() {
    return List.copyOf(sent);
  }

  /** The notifications of {@code kind}, oldest first. */
  public synchronized List<Notification> notifications(FollowUpKind kind) {
    Objects.requireNonNull(kind, "kind");
    List<Notification> found = new ArrayList<>();
    for (Notification n : sent) {
      if (n.kind().equals(kind)) {
        found.add(n);
      }
    }
    return found;
  }

  /** Forgets everything sent so far. */
  public synchronized void clear() {
    sent.clear();
  }

  @Override
  public synchronized String toString() {
    return "RecordingNotifier[" + sent.size() + " notifications]";
  }
}
