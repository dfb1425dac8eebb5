package dev.referral.core;

/** Who a follow-up goes to. */
public enum Audience {
  /** The referrer. */
  REFERRER,
  /** The referred prospect. */
  PROSPECT
}
