package dev.referral.core;

import java.util.List;
import java.util.Objects;

/**
 * What a refund did.
 *
 * @param orderId the refunded order
 * @param refundedTotal everything refunded on the order so far
 * @param withinClawback whether the refund came within the clawback window
 * @param revoked rewards revoked by this refund (a full refund)
 * @param adjusted commissions reduced by this refund (a partial refund)
 * @param replayed true when the refund id had been recorded before: nothing changed, and the lists
 *     of revoked and adjusted rewards are empty
 */
public record RefundResult(
    OrderId orderId,
    Money refundedTotal,
    boolean withinClawback,
    List<Reward> revoked,
    List<Reward> adjusted,
    boolean replayed) {

  /** Validates the fields and copies the lists. */
  public RefundResult {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(refundedTotal, "refundedTotal");
    revoked = List.copyOf(Objects.requireNonNull(revoked, "revoked"));
    adjusted = List.copyOf(Objects.requireNonNull(adjusted, "adjusted"));
  }
}
