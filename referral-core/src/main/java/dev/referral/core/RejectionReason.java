package dev.referral.core;

/** Why a referral was refused at intake. */
public enum RejectionReason {
  /** No referrer has this code. */
  UNKNOWN_CODE,
  /** The code was retired. */
  RETIRED_CODE,
  /** The referrer is paused or blocked. */
  INACTIVE_REFERRER,
  /** The prospect is the referrer. */
  SELF_REFERRAL,
  /** The prospect is already a customer of the shop (the host's check said so). */
  ALREADY_CUSTOMER,
  /** Another referrer already referred this prospect; the first referrer keeps the lead. */
  ALREADY_REFERRED,
  /** A fraud check refused the referral; the rejection detail names the check. */
  FRAUD_SUSPECTED
}
