package dev.referral.core;

/** Who receives a reward. */
public enum Beneficiary {
  /** The referrer who sent the lead. */
  REFERRER,
  /** The referred prospect (the "friend" of a double-sided offer). */
  PROSPECT
}
