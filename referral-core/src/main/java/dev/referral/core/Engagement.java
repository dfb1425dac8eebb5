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
 * @param lastReferralAt when the referrer last referred someone, if ever
 */
public record Engagement(
    Optional<Instant> lastAskedAt, int asksWithoutReferral, Optional<Instant> lastReferralAt) {

  /** A referrer never asked and who never referred. */
  public static final Engagement NONE = new Engagement(Optional.empty(), 0, Optional.empty());

  /** Validates the fields. */
  public Engagement {
    Objects.requireNonNull(lastAskedAt, "lastAskedAt");
    Objects.requireNonNull(lastReferralAt, "lastReferralAt");
    if (asksWithoutReferral < 0) {
      throw new IllegalArgumentException(
          "asksWithoutReferral must not be negative but was " + asksWithoutReferral);
    }
  }

  /** This engagement after an ask sent at {@code at}. */
  public Engagement asked(Instant at) {
    return new Engagement(Optional.of(at), asksWithoutReferral + 1, lastReferralAt);
  }

  /** This engagement after a referral at {@code at}: the ask counter starts again. */
  public Engagement referred(Instant at) {
    return new Engagement(lastAskedAt, 0, Optional.of(at));
  }
}
