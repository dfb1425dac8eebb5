package dev.referral.core;

import dev.referral.core.internal.Checks;

/** Thrown when a reward is asked to change to a status it cannot reach from its current one. */
public final class IllegalRewardTransitionException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final RewardId rewardId;
  private final RewardStatus from;
  private final RewardStatus to;

  /** For example "reward RW-7 cannot move from REDEEMED to REVOKED". */
  public IllegalRewardTransitionException(RewardId rewardId, RewardStatus from, RewardStatus to) {
    super(transition("reward", Checks.notNull(rewardId, "rewardId"), from, to));
    this.rewardId = rewardId;
    this.from = from;
    this.to = to;
  }

  /** The reward. */
  public RewardId rewardId() {
    return rewardId;
  }

  /** Its status at the time. */
  public RewardStatus from() {
    return from;
  }

  /** The status it was asked to reach. */
  public RewardStatus to() {
    return to;
  }
}
