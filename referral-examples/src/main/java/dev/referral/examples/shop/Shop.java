package dev.referral.examples.shop;

import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.spi.ExistingCustomerCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host's own shop: its customers and orders, kept the host's way. The referral program only
 * learns what the shop tells it; in return the shop answers whether a prospect is already a
 * customer. Single-threaded, like the simulation that drives it.
 */
final class Shop implements ExistingCustomerCheck {
  /** A customer account. */
  record Customer(String id, String name, String email, Instant since) {}

  /** An order. */
  record Order(String id, Customer customer, Money amount, Instant at) {}

  private final Map<String, Customer> customersByEmail = new LinkedHashMap<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final List<String> refunds = new ArrayList<>();

  Customer register(String name, String email, Instant at) {
    String key = email.toLowerCase(Locale.ROOT);
    return customersByEmail.computeIfAbsent(
        key,
        k ->
            new Customer(
                String.format(Locale.ROOT, "C-%03d", customersByEmail.size() + 1),
                name,
                email,
                at));
  }

  Optional<Customer> customer(String email) {
    return Optional.ofNullable(customersByEmail.get(email.toLowerCase(Locale.ROOT)));
  }

  Order placeOrder(Customer customer, Money amount, Instant at) {
    Order order = new Order("O-" + (1001 + orders.size()), customer, amount, at);
    orders.put(order.id(), order);
    return order;
  }

  String refund(Order order) {
    String id = "RF-" + (refunds.size() + 1) + "-" + order.id();
    refunds.add(id);
    return id;
  }

  /** The latest order of the customer with {@code email}, if any. */
  Optional<Order> lastOrder(String email) {
    Order last = null;
    for (Order order : orders.values()) {
      if (order.customer().email().equalsIgnoreCase(email)) {
        last = order;
      }
    }
    return Optional.ofNullable(last);
  }

  int customerCount() {
    return customersByEmail.size();
  }

  int orderCount() {
    return orders.size();
  }

  @Override
  public boolean isExistingCustomer(Prospect prospect) {
    return prospect
        .email()
        .map(e -> customersByEmail.containsKey(e.toLowerCase(Locale.ROOT)))
        .orElse(false);
  }
}
