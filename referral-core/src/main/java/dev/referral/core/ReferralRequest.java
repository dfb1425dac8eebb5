package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * A referral as the host receives it: the code as the prospect typed it, the prospect, and where it
 * came from.
 *
 * @param code the referral code as typed; case, spaces and hyphens are ignored
 * @param prospect the referred person
 * @param source where the referral came from, e.g. {@code "link"}, {@code "checkout"}, {@code
 *     "partner-portal"}; {@value #DEFAULT_SOURCE} by default
 */
public record ReferralRequest(String code, Prospect prospect, String source) {

  /** The source of referrals that do not name one. */
  public static final String DEFAULT_SOURCE = "code";

  /** Validates the fields. */
  public ReferralRequest {
    code = Checks.text(code, "code", 200);
    Objects.requireNonNull(prospect, "prospect");
    source = Checks.text(source, "source", 64);
  }

  /** A referral of {@code prospect} with {@code code} from the default source. */
  public static ReferralRequest of(String code, Prospect prospect) {
    return new ReferralRequest(code, prospect, DEFAULT_SOURCE);
  }

  /** A copy from {@code source}. */
  public ReferralRequest from(String source) {
    return new ReferralRequest(code, prospect, source);
  }
}
