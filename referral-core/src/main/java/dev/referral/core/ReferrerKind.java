package dev.referral.core;

/** Who a referrer is to the business. */
public enum ReferrerKind {
  /** A customer who recommends the shop to friends. */
  CUSTOMER,
  /** A non-competing business selling to the same market. */
  PARTNER,
  /** Any other contact who can refer: a supplier, a friend, a banker. */
  CONTACT
}
