package dev.referral.core.policy;

import dev.referral.core.Beneficiary;
import dev.referral.core.Incentive;
import dev.referral.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Grant a reward to the referrer or to the referred prospect of the event's lead. The program
 * checks limits and budgets; a grant over a limit is recorded as denied. Granting is idempotent per
 * event, reason and beneficiary.
 *
 * @param beneficiary who receives it
 * @param incentive what it gives
 * @param reason the policy or rule that grants it
 * @param holdFor keep it pending this long (a return window), if set
 * @param requiresApproval whether an operator must approve it before it is issued
 * @param expiresAfter it expires this long after the grant, if set
 */
public record GrantReward(
    Beneficiary beneficiary,
    Incentive incentive,
    String reason,
    Optional<Duration> holdFor,
    boolean requiresApproval,
    Optional<Duration> expiresAfter)
    implements Decision {

  /** Validates the fields. */
  public GrantReward {
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(incentive, "incentive");
    reason = Checks.text(reason, "reason", 200);
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(expiresAfter, "expiresAfter");
    holdFor.ifPresent(
        d -> Checks.argument(!d.isNegative(), "holdFor must not be negative but was " + d));
    expiresAfter.ifPresent(
        d ->
            Checks.argument(
                !d.isNegative() && !d.isZero(), "expiresAfter must be positive but was " + d));
  }

  /** Grant {@code incentive} to the referrer, issued at once. */
  public static GrantReward toReferrer(Incentive incentive, String reason) {
    return new GrantReward(
        Beneficiary.REFERRER, incentive, reason, Optional.empty(), false, Optional.empty());
  }

  /** Grant {@code incentive} to the referred prospect, issued at once. */
  public static GrantReward toProspect(Incentive incentive, String reason) {
    return new GrantReward(
        Beneficiary.PROSPECT, incentive, reason, Optional.empty(), false, Optional.empty());
  }

  /** A copy held for {@code hold} before it is issued. */
  public GrantReward heldFor(Duration hold) {
    Objects.requireNonNull(hold, "hold");
    return new GrantReward(
        beneficiary, incentive, reason, Optional.of(hold), requiresApproval, expiresAfter);
  }

  /** A copy that an operator must approve before it is issued. */
  public GrantReward withApproval() {
    return new GrantReward(beneficiary, incentive, reason, holdFor, true, expiresAfter);
  }

  /** A copy that expires {@code after} the grant. */
  public GrantReward expiringAfter(Duration after) {
    Objects.requireNonNull(after, "after");
    return new GrantReward(
        beneficiary, incentive, reason, holdFor, requiresApproval, Optional.of(after));
  }
}
