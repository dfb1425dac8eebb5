package dev.referral.core.spi;

import dev.referral.core.ReferralException;
import dev.referral.core.internal.Checks;

/** Thrown by a store that failed (for example, a lost database connection). Nothing was written. */
public class StoreException extends ReferralException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message} caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, Checks.notNull(cause, "cause"));
  }

  /** An exception with {@code message}. */
  public StoreException(String message) {
    super(message);
  }
}
