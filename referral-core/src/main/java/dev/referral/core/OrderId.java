package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies an order in the host's shop: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record OrderId(String value) implements Comparable<OrderId> {

  /** Validates the identifier. */
  public OrderId {
    Checks.identifier(value, "orderId");
  }

  /** Returns the identifier for {@code value}. */
  public static OrderId of(String value) {
    return new OrderId(value);
  }

  @Override
  public int compareTo(OrderId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
