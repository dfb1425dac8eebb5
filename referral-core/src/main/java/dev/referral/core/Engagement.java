package dev.referral.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a referrer has been asked for referrals: the follow-up policy uses it to ask no more
 * often than a minimum interval and to stop after too many asks without a referral.
 *
 * @param lastAskedAt when the referrer was last asked, if ever
 * @param asksWithoutReferral asks sent since the referrer's last referral
 */
public record Engagement(Optional<Instant> lastAskedAt, int asksWithoutReferral) {

  /** A referrer never asked. */
  public static final Engagement NONE = new Engagement(Optional.empty(), 0);

  /** Validates the fields. */
  public Engagement {
    Objects.requireNonNull(lastAskedAt, "lastAskedAt");
    if (asksWithoutReferral < 0) {
      throw new IllegalArgumentException(
          "asksWithoutReferral must not be negative but was " + asksWithoutReferral);
    }
  }

  /** This engagement after an ask sent at {@code at}. */
  public Engagement asked(Instant at) {
    Objects.requireNonNull(at, "at");
    return new Engagement(Optional.of(at), asksWithoutReferral + 1);
  }

  /** This engagement after a referral: the ask counter starts again. */
  public Engagement referred() {
    return new Engagement(lastAskedAt, 0);
  }
}
