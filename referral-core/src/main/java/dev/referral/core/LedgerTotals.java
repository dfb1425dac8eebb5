package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * Rewards granted in a period: how many, and how much money per currency.
 *
 * @param count the number of rewards
 * @param amounts the money granted, per currency; currencies without rewards are absent
 */
public record LedgerTotals(long count, Map<Currency, Money> amounts) {

  /** Nothing granted. */
  public static final LedgerTotals ZERO = new LedgerTotals(0, Map.of());

  /** Validates the fields and copies the map. */
  public LedgerTotals {
    Checks.notNegative(count, "count");
    amounts = Map.copyOf(Objects.requireNonNull(amounts, "amounts"));
    amounts.forEach(
        (currency, money) -> {
          if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException(
                "amounts maps " + currency + " to an amount in " + money.currency());
          }
        });
  }

  /** The money granted in {@code currency}, zero if none. */
  public Money amount(Currency currency) {
    Objects.requireNonNull(currency, "currency");
    Money money = amounts.get(currency);
    return money == null ? Money.zero(currency) : money;
  }
}
