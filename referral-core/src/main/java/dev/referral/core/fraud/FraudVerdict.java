package dev.referral.core.fraud;

import java.util.Objects;

/**
 * A fraud check's decision about one referral.
 *
 * @param action allow, flag or reject
 * @param detail what the check found, kept with the rejection or the flag; empty for {@link
 *     FraudAction#ALLOW}. Must not contain personal data or raw signals.
 */
public record FraudVerdict(FraudAction action, String detail) {

  /** Nothing suspicious. */
  public static final FraudVerdict ALLOW = new FraudVerdict(FraudAction.ALLOW, "");

  /** Validates the fields. */
  public FraudVerdict {
    Objects.requireNonNull(action, "action");
    detail = Objects.requireNonNull(detail, "detail").strip();
    if (detail.length() > 500) {
      throw new IllegalArgumentException(
          "detail must be at most 500 characters but was " + detail.length());
    }
  }

  /** {@code action} with {@code detail}; {@link #ALLOW} for {@link FraudAction#ALLOW}. */
  public static FraudVerdict of(FraudAction action, String detail) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
    return action == FraudAction.ALLOW ? ALLOW : new FraudVerdict(action, detail);
  }

  /** Accept but hold the rewards for review, because of {@code detail}. */
  public static FraudVerdict flag(String detail) {
    return new FraudVerdict(FraudAction.FLAG, detail);
  }

  /** Reject, because of {@code detail}. */
  public static FraudVerdict reject(String detail) {
    return new FraudVerdict(FraudAction.REJECT, detail);
  }
}
