package dev.referral.core;

import java.util.List;
import java.util.Objects;

/**
 * What a purchase did.
 *
 * @param outcome converted, a repeat purchase, or not attributed
 * @param lead the lead as it is now
 * @param rewards the rewards the order caused (granted, pending or denied)
 * @param replayed true when the order id had been seen before: nothing changed and this is the
 *     earlier result
 */
public record ConversionResult(Outcome outcome, Lead lead, List<Reward> rewards, boolean replayed) {

  /** What a purchase did to its lead. */
  public enum Outcome {
    /** The lead converted: the referral succeeded. */
    CONVERTED,
    /** The lead had converted before: recorded as a repeat purchase. */
    REPEAT_PURCHASE,
    /** The lead was lost, rejected or past its attribution window: nothing attributed. */
    NOT_ATTRIBUTED
  }

  /** Validates the fields and copies the rewards. */
  public ConversionResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(lead, "lead");
    rewards = List.copyOf(Objects.requireNonNull(rewards, "rewards"));
  }
}
