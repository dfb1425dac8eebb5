package dev.referral.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A referral code as issued to one referrer.
 *
 * @param code the code
 * @param issuedAt when it was issued
 * @param retiredAt when it was retired, if it was; a retired code is rejected at intake
 */
public record IssuedCode(ReferralCode code, Instant issuedAt, Optional<Instant> retiredAt) {

  /** Validates the fields. */
  public IssuedCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(retiredAt, "retiredAt");
    retiredAt.ifPresent(
        at -> {
          if (at.isBefore(issuedAt)) {
            throw new IllegalArgumentException("retiredAt must not be before issuedAt");
          }
        });
  }

  /** A code issued at {@code at}, not retired. */
  public static IssuedCode active(ReferralCode code, Instant at) {
    Objects.requireNonNull(at, "at");
    return new IssuedCode(code, at, Optional.empty());
  }

  /** Whether the code still accepts referrals. */
  public boolean isActive() {
    return retiredAt.isEmpty();
  }

  /** This code retired at {@code at}. */
  public IssuedCode retire(Instant at) {
    Objects.requireNonNull(at, "at");
    return new IssuedCode(code, issuedAt, Optional.of(at));
  }
}
