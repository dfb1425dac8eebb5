package dev.referral.core;

import dev.referral.core.internal.Checks;

/**
 * The root of the exceptions this library throws for referral-specific failures. Invalid arguments
 * are reported with the standard {@link IllegalArgumentException} and {@link NullPointerException},
 * each naming the argument.
 */
public class ReferralException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public ReferralException(String message) {
    super(Checks.notNull(message, "message"));
  }

  /** The message of a refused state transition: "lead L-42 cannot move from X to Y". */
  static String transition(String kind, Object id, Object from, Object to) {
    return kind
        + " "
        + id
        + " cannot move from "
        + Checks.notNull(from, "from")
        + " to "
        + Checks.notNull(to, "to");
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public ReferralException(String message, Throwable cause) {
    super(Checks.notNull(message, "message"), Checks.notNull(cause, "cause"));
  }
}
