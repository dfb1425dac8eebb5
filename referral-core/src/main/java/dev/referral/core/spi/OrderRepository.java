package dev.referral.core.spi;

import dev.referral.core.LeadId;
import dev.referral.core.OrderId;
import java.util.Objects;
import java.util.Optional;

/** Orders the program has seen, with their refunds. */
public interface OrderRepository {

  /**
   * Saves a new order.
   *
   * @throws DuplicateKeyException if the order id exists
   */
  void insert(OrderRecord order);

  /**
   * Replaces an order with a newer version ({@code stored version + 1}).
   *
   * @throws StoreConflictException if the stored version is not one lower
   * @throws dev.referral.core.UnknownIdException if the order does not exist
   */
  void update(OrderRecord order);

  /** The order with {@code id}, if any. */
  Optional<OrderRecord> find(OrderId id);

  /**
   * The order with {@code id}, if any, like {@link #find}, whichever lead it was recorded for. The
   * caller reads lead {@code leadId} next, so a store may read that lead in the same round trip and
   * keep it for the transaction; the default only finds the order.
   */
  default Optional<OrderRecord> findWithLead(OrderId id, LeadId leadId) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(leadId, "leadId");
    return find(id);
  }
}
