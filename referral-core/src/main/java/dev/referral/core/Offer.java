package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * The core referral message and offer: what the referrer gets and what the friend gets. It is shown
 * in every notification's data and drives {@link dev.referral.core.policy.DoubleSidedPolicy}.
 *
 * @param headline the message, e.g. "Give 10 EUR, get 10 EUR"
 * @param referrerIncentive what the referrer gets when the friend buys
 * @param friendIncentive what the referred friend gets when referred
 */
public record Offer(String headline, Incentive referrerIncentive, Incentive friendIncentive) {

  /** Validates the fields. */
  public Offer {
    headline = Checks.text(headline, "headline", 200);
    Objects.requireNonNull(referrerIncentive, "referrerIncentive");
    Objects.requireNonNull(friendIncentive, "friendIncentive");
  }

  /** An offer with {@code headline}. */
  public static Offer of(String headline, Incentive referrerIncentive, Incentive friendIncentive) {
    return new Offer(headline, referrerIncentive, friendIncentive);
  }
}
