package dev.referral.core.fraud;

/** What a fraud check decides about a referral. */
public enum FraudAction {
  /** Nothing suspicious. */
  ALLOW,
  /**
   * Accept the lead but hold every reward it causes until an operator approves it ({@code
   * ReferralProgram.approveReward}) or rejects it with a reason ({@code rejectReward}).
   */
  FLAG,
  /**
   * Record the lead as rejected with {@code RejectionReason.FRAUD_SUSPECTED} and the check's name.
   */
  REJECT
}
