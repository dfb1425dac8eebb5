package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reward gives. A closed family: percent discount, fixed credit, gift card, free item,
 * points, a gift, a thank-you note, or a partner commission.
 */
public sealed interface Incentive {

  /**
   * What granting this incentive costs the shop, when that is known at grant time.
   *
   * @param orderAmount the amount of the order that caused the grant, if any
   * @throws IllegalArgumentException if the incentive needs an order amount and none is given
   */
  Optional<Money> value(Optional<Money> orderAmount);

  /** A short description for messages, e.g. {@code "a 25.00 EUR gift card"}. */
  String describe();

  /** A percent discount on a future order, e.g. 10% off the friend's first order. */
  static Incentive percentDiscount(String percent) {
    return new PercentDiscount(new BigDecimal(Objects.requireNonNull(percent, "percent")));
  }

  /** A store credit of {@code amount}. */
  static Incentive credit(Money amount) {
    return new FixedCredit(amount);
  }

  /** A gift card worth {@code amount}. */
  static Incentive giftCard(Money amount) {
    return new GiftCard(amount);
  }

  /** A free item. */
  static Incentive freeItem(String sku, int quantity) {
    return new FreeItem(sku, quantity, Optional.empty());
  }

  /** Loyalty points. */
  static Incentive points(long points) {
    return new Points(points);
  }

  /** A gift described in words, e.g. "two movie tickets". */
  static Incentive gift(String description) {
    return new Gift(description, Optional.empty());
  }

  /** A sincere thank-you. */
  static Incentive thankYou(String message) {
    return new ThankYouNote(message);
  }

  /** A commission of {@code percent} of the order amount, for partners. */
  static Incentive commission(String percent) {
    return new PartnerCommission(new BigDecimal(Objects.requireNonNull(percent, "percent")));
  }

  /**
   * A percent discount.
   *
   * @param percent above 0 and at most 100
   */
  record PercentDiscount(BigDecimal percent) implements Incentive {
    /** Validates the percent. */
    public PercentDiscount {
      Incentives.checkPercent(percent);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return Optional.empty();
    }

    @Override
    public String describe() {
      return percent.stripTrailingZeros().toPlainString() + "% off";
    }
  }

  /**
   * A store credit.
   *
   * @param amount above zero
   */
  record FixedCredit(Money amount) implements Incentive {
    /** Validates the amount. */
    public FixedCredit {
      Incentives.checkAmount(amount);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return Optional.of(amount);
    }

    @Override
    public String describe() {
      return amount + " credit";
    }
  }

  /**
   * A gift card.
   *
   * @param amount above zero
   */
  record GiftCard(Money amount) implements Incentive {
    /** Validates the amount. */
    public GiftCard {
      Incentives.checkAmount(amount);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return Optional.of(amount);
    }

    @Override
    public String describe() {
      return "a " + amount + " gift card";
    }
  }

  /**
   * A free item.
   *
   * @param sku the item's stock-keeping unit
   * @param quantity how many, at least 1
   * @param unitValue what one costs the shop, if it should count towards budgets
   */
  record FreeItem(String sku, int quantity, Optional<Money> unitValue) implements Incentive {
    /** Validates the fields. */
    public FreeItem {
      sku = Checks.text(sku, "sku", 64);
      Checks.positive(quantity, "quantity");
      Objects.requireNonNull(unitValue, "unitValue");
      unitValue.ifPresent(Incentives::checkAmount);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return unitValue.map(v -> v.times(BigDecimal.valueOf(quantity)));
    }

    @Override
    public String describe() {
      return quantity + " x " + sku + " free";
    }
  }

  /**
   * Loyalty points.
   *
   * @param points at least 1
   */
  record Points(long points) implements Incentive {
    /** Validates the points. */
    public Points {
      Checks.positive(points, "points");
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return Optional.empty();
    }

    @Override
    public String describe() {
      return points + " points";
    }
  }

  /**
   * A gift described in words.
   *
   * @param description e.g. "two movie tickets"
   * @param value what it costs the shop, if it should count towards budgets
   */
  record Gift(String description, Optional<Money> value) implements Incentive {
    /** Validates the fields. */
    public Gift {
      description = Checks.text(description, "description", 200);
      Objects.requireNonNull(value, "value");
      value.ifPresent(Incentives::checkAmount);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return value;
    }

    @Override
    public String describe() {
      return description;
    }
  }

  /**
   * A thank-you note. It costs nothing and does not count towards a referrer's reward limits.
   *
   * @param message the message
   */
  record ThankYouNote(String message) implements Incentive {
    /** Validates the message. */
    public ThankYouNote {
      message = Checks.text(message, "message", 500);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "a thank-you note";
    }
  }

  /**
   * A commission on the order that caused the grant; a partial refund reduces it in proportion.
   *
   * @param percent above 0 and at most 100
   */
  record PartnerCommission(BigDecimal percent) implements Incentive {
    /** Validates the percent. */
    public PartnerCommission {
      Incentives.checkPercent(percent);
    }

    @Override
    public Optional<Money> value(Optional<Money> orderAmount) {
      Objects.requireNonNull(orderAmount, "orderAmount");
      Money order =
          orderAmount.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "a partner commission needs an order amount: grant it on a purchase"));
      return Optional.of(order.percent(percent));
    }

    @Override
    public String describe() {
      return percent.stripTrailingZeros().toPlainString() + "% commission";
    }
  }
}

/** Shared checks of incentive values. */
final class Incentives {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Incentives() {}

  static void checkPercent(BigDecimal percent) {
    Objects.requireNonNull(percent, "percent");
    if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "percent must be above 0 and at most 100 but was " + percent.toPlainString());
    }
  }

  static void checkAmount(Money amount) {
    Objects.requireNonNull(amount, "amount");
    if (!amount.isPositive()) {
      throw new IllegalArgumentException("amount must be positive but was " + amount);
    }
  }
}
