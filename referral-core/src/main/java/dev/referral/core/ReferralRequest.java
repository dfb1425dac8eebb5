package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * A referral as the host receives it: the code as the prospect typed it, the prospect, where it
 * came from, and optional signals for the fraud checks.
 *
 * @param code the referral code as typed; case, spaces and hyphens are ignored
 * @param prospect the referred person
 * @param source where the referral came from, e.g. {@code "link"}, {@code "checkout"}, {@code
 *     "partner-portal"}; {@value #DEFAULT_SOURCE} by default
 * @param signals the prospect's IP address, device id and payment fingerprint, if the host passes
 *     them; stored only as salted hashes; {@link Signals#NONE} by default
 */
public record ReferralRequest(String code, Prospect prospect, String source, Signals signals) {

  /** The source of referrals that do not name one. */
  public static final String DEFAULT_SOURCE = "code";

  /** Validates the fields. */
  public ReferralRequest {
    code = Checks.text(code, "code", 200);
    Objects.requireNonNull(prospect, "prospect");
    source = Checks.text(source, "source", 64);
    Objects.requireNonNull(signals, "signals");
  }

  /** A referral without signals. */
  public ReferralRequest(String code, Prospect prospect, String source) {
    this(code, prospect, source, Signals.NONE);
  }

  /** A referral of {@code prospect} with {@code code} from the default source. */
  public static ReferralRequest of(String code, Prospect prospect) {
    return new ReferralRequest(code, prospect, DEFAULT_SOURCE, Signals.NONE);
  }

  /** A copy from {@code source}. */
  public ReferralRequest from(String source) {
    return new ReferralRequest(code, prospect, source, signals);
  }

  /** A copy with {@code signals}. */
  public ReferralRequest with(Signals signals) {
    return new ReferralRequest(code, prospect, source, signals);
  }
}
