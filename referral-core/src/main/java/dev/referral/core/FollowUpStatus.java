package dev.referral.core;

/**
 * Where a scheduled follow-up stands.
 *
 * <pre>
 * PENDING -> CLAIMED -> SENT
 * CLAIMED -> PENDING (a failed attempt, retried later) | FAILED (attempts used up)
 * PENDING | CLAIMED -> CANCELLED (a claimed one may already be with the notifier)
 * </pre>
 */
public enum FollowUpStatus {
  /** Waiting for its due time. */
  PENDING,
  /** Taken by a dispatcher, being delivered. A claim whose lease ran out can be taken again. */
  CLAIMED,
  /** Delivered to the notifier. */
  SENT,
  /** Every attempt failed; the last error is kept. */
  FAILED,
  /**
   * No longer wanted (the lead ended, consent was withdrawn, a policy cancelled it). Cancelling a
   * claimed follow-up stops its retries; a delivery already under way may still arrive.
   */
  CANCELLED;

  /** Whether the follow-up will not be attempted again. */
  public boolean isFinal() {
    return this == SENT || this == FAILED || this == CANCELLED;
  }
}
