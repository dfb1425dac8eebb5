package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Currency;

/** Thrown when two amounts in different currencies meet in one calculation or comparison. */
public final class CurrencyMismatchException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final Currency expected;
  private final Currency actual;

  /** An exception for an amount in {@code actual} where {@code expected} was required. */
  public CurrencyMismatchException(Currency expected, Currency actual) {
    super(
        "currency mismatch: expected "
            + Checks.notNull(expected, "expected").getCurrencyCode()
            + " but got "
            + Checks.notNull(actual, "actual").getCurrencyCode());
    this.expected = expected;
    this.actual = actual;
  }

  /** The currency that was required. */
  public Currency expected() {
    return expected;
  }

  /** The currency that was given. */
  public Currency actual() {
    return actual;
  }
}
