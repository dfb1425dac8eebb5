package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An order placed in the host's shop.
 *
 * @param orderId the host's order id; converting twice with the same id is a no-op
 * @param amount the order amount, above zero
 * @param at when the order was placed
 * @param skus the stock-keeping units ordered, possibly empty (rules may test them)
 * @param categories the product categories ordered, possibly empty (rules may test them)
 */
public record Purchase(
    OrderId orderId, Money amount, Instant at, Set<String> skus, Set<String> categories) {

  /** Validates the fields and copies the sets. */
  public Purchase {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
    Checks.argument(amount.isPositive(), "amount must be positive but was " + amount);
    skus = Set.copyOf(Objects.requireNonNull(skus, "skus"));
    categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
    skus.forEach(s -> Checks.text(s, "skus", 64));
    categories.forEach(c -> Checks.text(c, "categories", 64));
  }

  /** An order of {@code amount} placed at {@code at}, without item details. */
  public static Purchase of(String orderId, Money amount, Instant at) {
    return new Purchase(OrderId.of(orderId), amount, at, Set.of(), Set.of());
  }

  /** A copy with item details. */
  public Purchase withItems(Set<String> skus, Set<String> categories) {
    return new Purchase(orderId, amount, at, skus, categories);
  }
}
