package dev.referral.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The purchase that converted a lead.
 *
 * @param orderId the host's order id
 * @param amount the order amount
 * @param at when the order was placed
 */
public record Conversion(OrderId orderId, Money amount, Instant at) {

  /** Validates the fields. */
  public Conversion {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
  }
}
