package dev.referral.core.spi;

import dev.referral.core.ReferralException;
import dev.referral.core.internal.Checks;

/**
 * Thrown by a store when a concurrent transaction changed the same data first (an optimistic
 * version mismatch, a serialization failure, a deadlock). Nothing was written; retrying the whole
 * command may succeed. The program retries commands a few times before giving up with this
 * exception.
 */
public final class StoreConflictException extends ReferralException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public StoreConflictException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public StoreConflictException(String message, Throwable cause) {
    super(message, Checks.notNull(cause, "cause"));
  }
}
