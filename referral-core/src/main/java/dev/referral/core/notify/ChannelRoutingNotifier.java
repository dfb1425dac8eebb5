package dev.referral.core.notify;

import dev.referral.core.Channel;
import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Hands each notification to the notifier of its channel (email, SMS, letter...). A notification on
 * a channel without a route and without a fallback fails, so it is retried and finally marked
 * FAILED rather than dropped. Immutable and thread-safe if its notifiers are.
 */
public final class ChannelRoutingNotifier implements Notifier {
  private final Map<Channel, Notifier> routes;
  private final Optional<Notifier> fallback;

  private ChannelRoutingNotifier(Map<Channel, Notifier> routes, Optional<Notifier> fallback) {
    // In the order routed, so toString reads the same on every run (Map.copyOf's order varies).
    this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    this.fallback = fallback;
  }

  /** Starts a router. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void send(Notification notification) throws Exception {
    Objects.requireNonNull(notification, "notification");
    Notifier target = routes.get(notification.channel());
    if (target == null) {
      target =
          fallback.orElseThrow(
              () ->
                  new IllegalStateException(
                      "no notifier for channel "
                          + notification.channel()
                          + " of "
                          + notification.id()));
    }
    target.send(notification);
  }

  @Override
  public String toString() {
    return "ChannelRoutingNotifier" + routes.keySet();
  }

  /** Builds a {@link ChannelRoutingNotifier}. Not thread-safe. */
  public static final class Builder {
    private final Map<Channel, Notifier> routes = new LinkedHashMap<>();
    private @Nullable Notifier fallback;

    private Builder() {}

    /** Sends notifications on {@code channel} through {@code notifier}. */
    public Builder route(Channel channel, Notifier notifier) {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(notifier, "notifier");
      if (routes.containsKey(channel)) {
        throw new IllegalStateException(
            "channel " + channel + " was already routed to " + routes.get(channel));
      }
      routes.put(channel, notifier);
      return this;
    }

    /** Sends notifications on channels without a route through {@code notifier}. */
    public Builder fallback(Notifier notifier) {
      Objects.requireNonNull(notifier, "notifier");
      if (fallback != null) {
        throw new IllegalStateException("fallback was already set to " + fallback);
      }
      this.fallback = notifier;
      return this;
    }

    /**
     * The router.
     *
     * @throws IllegalStateException if no route and no fallback was given
     */
    public ChannelRoutingNotifier build() {
      if (routes.isEmpty() && fallback == null) {
        throw new IllegalStateException("a router needs at least one route or a fallback");
      }
      return new ChannelRoutingNotifier(routes, Optional.ofNullable(fallback));
    }
  }
}
