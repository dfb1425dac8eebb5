package dev.referral.core;

/**
 * Where a reward stands.
 *
 * <pre>
 * PENDING -> ISSUED -> REDEEMED | EXPIRED
 * PENDING | ISSUED -> REVOKED
 * DENIED: a limit or budget stopped the grant
 * </pre>
 */
public enum RewardStatus {
  /** Granted, waiting for its hold to end and/or an operator's approval. */
  PENDING,
  /** Given to the beneficiary. */
  ISSUED,
  /** Used by the beneficiary. */
  REDEEMED,
  /** Not used in time. */
  EXPIRED,
  /** Taken back, for example after a refund; the reason is kept. */
  REVOKED,
  /** Never granted: a limit or budget stopped it; the limit is kept. */
  DENIED;

  /** Whether the reward was granted and not taken back: it counts towards limits and budgets. */
  public boolean isGranted() {
    return this == PENDING || this == ISSUED || this == REDEEMED || this == EXPIRED;
  }
}
