package dev.referral.core;

/** A listener's registration; closing it stops further deliveries. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** Stops delivering events to the listener. Idempotent. */
  @Override
  void close();
}
