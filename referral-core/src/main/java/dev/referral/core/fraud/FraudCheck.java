package dev.referral.core.fraud;

import dev.referral.core.internal.Checks;
import java.util.Objects;
import java.util.function.Function;

/**
 * An intake rule that looks for abuse in a referral the standard guards accepted. Its {@link
 * #name()} is kept with a rejection ({@code RejectionReason.FRAUD_SUSPECTED}) or a flag.
 *
 * <p>Contract: {@link #check} must not change anything and must be thread-safe. It runs inside the
 * referral's store transaction, so it should read only through its {@link FraudContext}. If it
 * throws, the referral is still accepted, but flagged for review with the error as the detail: a
 * broken check never blocks the host's checkout and never lets a reward through unseen.
 */
public interface FraudCheck {

  /** A short, stable name: 1 to 64 characters without whitespace, e.g. {@code "velocity"}. */
  String name();

  /** The verdict on the referral in {@code context}. Never null. */
  FraudVerdict check(FraudContext context);

  /** A check named {@code name} that runs {@code check}. */
  static FraudCheck of(String name, Function<FraudContext, FraudVerdict> check) {
    String checked = Checks.identifier(name, "name");
    Objects.requireNonNull(check, "check");
    return new FraudCheck() {
      @Override
      public String name() {
        return checked;
      }

      @Override
      public FraudVerdict check(FraudContext context) {
        return check.apply(Objects.requireNonNull(context, "context"));
      }

      @Override
      public String toString() {
        return "FraudCheck[" + checked + "]";
      }
    };
  }
}
