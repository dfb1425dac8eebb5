package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Money given back on an order. Recording the same refund id twice is a no-op.
 *
 * @param refundId the host's refund id
 * @param orderId the refunded order
 * @param amount the refunded amount, above zero and at most what is left of the order
 * @param at when the refund happened
 * @param reason why, kept with the revoked rewards
 */
public record Refund(RefundId refundId, OrderId orderId, Money amount, Instant at, String reason) {

  /** Validates the fields. */
  public Refund {
    Objects.requireNonNull(refundId, "refundId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
    reason = Checks.text(reason, "reason", 500);
    Checks.argument(amount.isPositive(), "amount must be positive but was " + amount);
  }

  /** A refund of {@code amount} on {@code orderId}. */
  public static Refund of(
      String refundId, String orderId, Money amount, Instant at, String reason) {
    return new Refund(RefundId.of(refundId), OrderId.of(orderId), amount, at, reason);
  }
}
