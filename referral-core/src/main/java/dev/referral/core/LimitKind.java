package dev.referral.core;

/** The limits and budgets a grant is checked against. Months and years are calendar periods. */
public enum LimitKind {
  /** Rewards per referrer per calendar month. */
  REFERRER_MONTHLY_COUNT,
  /** Rewards per referrer per calendar year. */
  REFERRER_YEARLY_COUNT,
  /** Rewards per referrer, ever. */
  REFERRER_LIFETIME_COUNT,
  /** Reward money per referrer per calendar month. */
  REFERRER_MONTHLY_AMOUNT,
  /** Reward money per referrer per calendar year. */
  REFERRER_YEARLY_AMOUNT,
  /** Reward money per referrer, ever. */
  REFERRER_LIFETIME_AMOUNT,
  /** Reward money for the whole program. */
  PROGRAM_BUDGET;

  /** Whether this limit counts rewards rather than money. */
  public boolean isCount() {
    return this == REFERRER_MONTHLY_COUNT
        || this == REFERRER_YEARLY_COUNT
        || this == REFERRER_LIFETIME_COUNT;
  }
}
