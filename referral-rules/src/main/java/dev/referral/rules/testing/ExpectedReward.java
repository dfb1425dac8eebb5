package dev.referral.rules.testing;

import dev.referral.core.Beneficiary;
import dev.referral.core.Incentive;
import dev.referral.core.policy.GrantReward;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A reward a test expects: who gets what, and optionally from which rule, with which hold, approval
 * and expiry. Unset parts match anything. Made by {@link RuleFixture#referrerGets} and {@link
 * RuleFixture#prospectGets}.
 *
 * @param beneficiary who receives it
 * @param incentive what it gives
 * @param rule the rule that grants it, if it matters
 * @param holdFor its hold, if it matters
 * @param requiresApproval whether it needs approval, if it matters
 * @param expiresAfter its expiry, if it matters
 */
public record ExpectedReward(
    Beneficiary beneficiary,
    Incentive incentive,
    Optional<String> rule,
    Optional<Duration> holdFor,
    Optional<Boolean> requiresApproval,
    Optional<Duration> expiresAfter) {

  /** Checks the fields. */
  public ExpectedReward {
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(incentive, "incentive");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(requiresApproval, "requiresApproval");
    Objects.requireNonNull(expiresAfter, "expiresAfter");
  }

  /** The same, granted by the rule named {@code rule}. */
  public ExpectedReward byRule(String rule) {
    Objects.requireNonNull(rule, "rule");
    return new ExpectedReward(
        beneficiary, incentive, Optional.of(rule), holdFor, requiresApproval, expiresAfter);
  }

  /** The same, held for {@code hold}. */
  public ExpectedReward heldFor(Duration hold) {
    Objects.requireNonNull(hold, "hold");
    return new ExpectedReward(
        beneficiary, incentive, rule, Optional.of(hold), requiresApproval, expiresAfter);
  }

  /** The same, needing an operator's approval. */
  public ExpectedReward withApproval() {
    return new ExpectedReward(
        beneficiary, incentive, rule, holdFor, Optional.of(true), expiresAfter);
  }

  /** The same, expiring {@code after} the grant. */
  public ExpectedReward expiringAfter(Duration after) {
    Objects.requireNonNull(after, "after");
    return new ExpectedReward(
        beneficiary, incentive, rule, holdFor, requiresApproval, Optional.of(after));
  }

  /** Whether {@code grant} is this reward. */
  public boolean matches(GrantReward grant) {
    Objects.requireNonNull(grant, "grant");
    return grant.beneficiary() == beneficiary
        && grant.incentive().equals(incentive)
        && rule.map(grant.reason()::equals).orElse(true)
        && holdFor.map(h -> grant.holdFor().equals(Optional.of(h))).orElse(true)
        && requiresApproval.map(a -> a == grant.requiresApproval()).orElse(true)
        && expiresAfter.map(e -> grant.expiresAfter().equals(Optional.of(e))).orElse(true);
  }

  @Override
  public String toString() {
    return beneficiary
        + " gets "
        + incentive.describe()
        + rule.map(r -> " by rule '" + r + "'").orElse("")
        + holdFor.map(d -> ", held " + d).orElse("")
        + requiresApproval.map(a -> ", needs approval").orElse("")
        + expiresAfter.map(d -> ", expires after " + d).orElse("");
  }
}
