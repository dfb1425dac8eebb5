package dev.referral.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency. The amount always carries the currency's number of decimals
 * ({@code 10 EUR} equals {@code 10.00 EUR}); more decimals than the currency allows are rejected.
 * Arithmetic between two currencies throws {@link CurrencyMismatchException}: currencies never mix
 * silently.
 *
 * @param amount the amount, may be negative (a net revenue can be)
 * @param currency the currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /** Normalises the amount to the currency's number of decimals. */
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    if (amount.scale() != digits) {
      BigDecimal stripped = amount.stripTrailingZeros();
      if (stripped.scale() > digits) {
        throw new IllegalArgumentException(
            "amount "
                + amount.toPlainString()
                + " has more decimals than "
                + currency.getCurrencyCode()
                + " allows ("
                + digits
                + ")");
      }
      amount = stripped.setScale(digits, RoundingMode.UNNECESSARY);
    }
  }

  /**
   * Parses {@code amount} (e.g. {@code "12.50"}) in the currency with ISO code {@code currency}.
   */
  public static Money of(String amount, String currency) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount is not a number: '" + amount + "'", e);
    }
    return new Money(parsed, currency(currency));
  }

  /** The amount {@code amount} in {@code currency}. */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /** A whole amount in the currency with ISO code {@code currency}. */
  public static Money of(long amount, String currency) {
    return new Money(BigDecimal.valueOf(amount), currency(currency));
  }

  /** Zero in {@code currency}. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  private static Currency currency(String code) {
    Objects.requireNonNull(code, "currency");
    try {
      return Currency.getInstance(code.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("currency is not an ISO 4217 code: '" + code + "'", e);
    }
  }

  /** This plus {@code other}; both must be in the same currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** This minus {@code other}; both must be in the same currency. */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /** This times {@code factor}, rounded half-even to the currency's decimals. */
  public Money times(BigDecimal factor) {
    Objects.requireNonNull(factor, "factor");
    return new Money(
        amount.multiply(factor).setScale(amount.scale(), RoundingMode.HALF_EVEN), currency);
  }

  /** {@code percent} percent of this amount, rounded half-even to the currency's decimals. */
  public Money percent(BigDecimal percent) {
    Objects.requireNonNull(percent, "percent");
    return times(percent.movePointLeft(2));
  }

  /** Whether the amount is above zero. */
  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /** Whether the amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** Whether the amount is below zero. */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** Throws {@link CurrencyMismatchException} unless {@code other} is in this currency. */
  public void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
  }

  /** Compares amounts; both must be in the same currency. */
  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  /** For example {@code 12.50 EUR}. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
