package dev.referral.examples.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referral.core.FollowUpId;
import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A custom notifier: posts each notification as JSON to a webhook, the way a shop hands messages to
 * its mail or messaging service. It follows the {@link Notifier} contract:
 *
 * <ul>
 *   <li>it returns only once the receiver took the notification, and throws otherwise, so the
 *       program retries it with backoff;
 *   <li>it de-duplicates by {@link Notification#id()}, which stays the same on every retry: a
 *       notification delivered before (say, before a crash kept the program from recording it) is
 *       not posted again. The id also goes along as the receiver's idempotency key.
 * </ul>
 *
 * <p>The delivered ids are kept in memory here; a shop with several nodes keeps them in its
 * database or relies on the receiver's idempotency key. This class is thread-safe if its endpoint
 * is.
 */
public final class WebhookNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the JSON goes; in production an HTTP POST, e.g. with {@code java.net.http}. */
  @FunctionalInterface
  public interface Endpoint {
    /**
     * Posts {@code json}.
     *
     * @param idempotencyKey the notification id, the same on every retry
     * @throws IOException if the receiver did not take it
     */
    void post(String idempotencyKey, String json) throws IOException;
  }

  private final Endpoint endpoint;
  private final Set<FollowUpId> delivered = ConcurrentHashMap.newKeySet();

  /** A notifier posting to {@code endpoint}. */
  public WebhookNotifier(Endpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  public void send(Notification notification) throws IOException {
    Objects.requireNonNull(notification, "notification");
    if (delivered.contains(notification.id())) {
      return; // delivered before: the receiver has it already
    }
    endpoint.post(notification.id().value(), toJson(notification));
    delivered.add(notification.id());
  }

  /** The notification as one JSON object, with its data sorted by key. */
  public static String toJson(Notification n) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", n.id().value());
    json.put("kind", n.kind().name());
    json.put("channel", n.channel().name());
    json.put("attempt", n.attempt());
    json.put("dueAt", n.dueAt().toString());
    ObjectNode to = json.putObject("recipient");
    to.put("audience", n.recipient().audience().name());
    to.put("name", n.recipient().name());
    n.recipient().email().ifPresent(e -> to.put("email", e));
    n.recipient().phone().ifPresent(p -> to.put("phone", p));
    ObjectNode data = json.putObject("data");
    for (Map.Entry<String, String> e : new TreeMap<>(n.data()).entrySet()) {
      data.put(e.getKey(), e.getValue());
    }
    return json.toString();
  }

  @Override
  public String toString() {
    return "WebhookNotifier[" + endpoint + ", delivered " + delivered.size() + "]";
  }
}
