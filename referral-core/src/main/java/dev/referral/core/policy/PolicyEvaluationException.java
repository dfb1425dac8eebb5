package dev.referral.core.policy;

import dev.referral.core.ReferralException;
import dev.referral.core.internal.Checks;
import java.util.List;

/**
 * Thrown by a policy (or a composite of policies, or a rule set) when part of it failed. It names
 * the failing policy or rule and carries the decisions the other parts made, so the program applies
 * those, records the failure, and retries the event later.
 */
public final class PolicyEvaluationException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final String policyName;
  private final transient List<Decision> decided;

  /**
   * An exception for {@code policyName} failing with {@code cause}.
   *
   * @param decided the decisions the parts that did not fail made
   */
  public PolicyEvaluationException(String policyName, List<Decision> decided, Throwable cause) {
    super(
        "policy '"
            + Checks.notNull(policyName, "policyName")
            + "' failed: "
            + Checks.notNull(cause, "cause"),
        cause);
    this.policyName = policyName;
    this.decided = List.copyOf(Checks.notNull(decided, "decided"));
  }

  /** The name of the policy or rule that failed. */
  public String policyName() {
    return policyName;
  }

  /** The decisions made by the parts that did not fail. */
  public List<Decision> decided() {
    return decided;
  }
}
