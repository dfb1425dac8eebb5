package dev.referral.core;

/** Whether a referrer may refer and be rewarded. */
public enum ReferrerStatus {
  /** Referrals are accepted and rewarded. */
  ACTIVE,
  /** Referrals are rejected for now; the referrer can be activated again. */
  PAUSED,
  /** Referrals are rejected, for example after abuse. */
  BLOCKED
}
