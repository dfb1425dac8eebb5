package dev.referral.core.spi;

import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Refund;
import dev.referral.core.RefundId;
import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order the program has seen, so that the same order id is never counted twice.
 *
 * @param orderId the host's order id
 * @param leadId the lead it was recorded for
 * @param amount the order amount
 * @param at when it was placed
 * @param kind what the order did to the lead
 * @param refunds the refunds recorded on it, oldest first
 * @param version the optimistic-locking version, starting at 1
 */
public record OrderRecord(
    OrderId orderId,
    LeadId leadId,
    Money amount,
    Instant at,
    Kind kind,
    List<Refund> refunds,
    long version) {

  /** What an order did to its lead. */
  public enum Kind {
    /** It converted the lead. */
    CONVERSION,
    /** The lead had converted before; a repeat purchase. */
    REPEAT_PURCHASE,
    /** The lead was no longer open (lost, expired, rejected): nothing attributed. */
    NOT_ATTRIBUTED
  }

  /** Validates the fields and copies the refunds. */
  public OrderRecord {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    refunds = List.copyOf(Objects.requireNonNull(refunds, "refunds"));
    Checks.positive(version, "version");
  }

  /** Everything refunded so far. */
  public Money refundedTotal() {
    Money total = Money.zero(amount.currency());
    for (Refund r : refunds) {
      total = total.plus(r.amount());
    }
    return total;
  }

  /** Whether a refund with {@code refundId} was recorded. */
  public boolean hasRefund(RefundId refundId) {
    Objects.requireNonNull(refundId, "refundId");
    for (Refund r : refunds) {
      if (r.refundId().equals(refundId)) {
        return true;
      }
    }
    return false;
  }

  /** A copy with {@code refund} added, one version higher. */
  public OrderRecord withRefund(Refund refund) {
    List<Refund> more = new ArrayList<>(refunds);
    more.add(Objects.requireNonNull(refund, "refund"));
    return new OrderRecord(orderId, leadId, amount, at, kind, more, version + 1);
  }
}
