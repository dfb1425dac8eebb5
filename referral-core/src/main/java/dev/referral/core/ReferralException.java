package dev.referral.core;

/**
 * The root of the exceptions this library throws for referral-specific failures. Invalid arguments
 * are reported with the standard {@link IllegalArgumentException} and {@link NullPointerException},
 * each naming the argument.
 */
public class ReferralException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public ReferralException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public ReferralException(String message, Throwable cause) {
    super(message, cause);
  }
}
