package dev.referral.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The limits and budgets every grant is checked against, atomically. A grant over a limit is
 * recorded as a {@link RewardStatus#DENIED} reward naming the limit. Per-referrer limits apply to
 * rewards for the referrer (thank-you notes excepted); the program budget applies to the value of
 * every reward. All money limits must be in one currency; a reward in another currency is denied.
 * Immutable and thread-safe.
 */
public final class ReferralLimits {

  /** No limits at all. */
  public static final ReferralLimits NONE = builder().build();

  private final Map<LimitKind, Long> counts;
  private final Map<LimitKind, Money> amounts;

  private ReferralLimits(Builder builder) {
    this.counts = Collections.unmodifiableMap(new EnumMap<>(builder.counts));
    this.amounts = Collections.unmodifiableMap(new EnumMap<>(builder.amounts));
  }

  /** Starts a set of limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** The count limit of {@code kind}, if set. */
  public OptionalLong count(LimitKind kind) {
    Objects.requireNonNull(kind, "kind");
    Long limit = counts.get(kind);
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /** The money limit of {@code kind}, if set. */
  public Optional<Money> amount(LimitKind kind) {
    Objects.requireNonNull(kind, "kind");
    return Optional.ofNullable(amounts.get(kind));
  }

  /** Whether no limit is set. */
  public boolean isEmpty() {
    return counts.isEmpty() && amounts.isEmpty();
  }

  /** Whether any per-referrer limit is set. */
  public boolean hasReferrerLimits() {
    return !counts.isEmpty()
        || amounts.keySet().stream().anyMatch(k -> k != LimitKind.PROGRAM_BUDGET);
  }

  @Override
  public String toString() {
    return "ReferralLimits" + counts + amounts;
  }

  /** Builds {@link ReferralLimits}; each limit may be set once. Not thread-safe. */
  public static final class Builder {
    private final Map<LimitKind, Long> counts = new EnumMap<>(LimitKind.class);
    private final Map<LimitKind, Money> amounts = new EnumMap<>(LimitKind.class);

    private Builder() {}

    /** At most {@code max} rewards per referrer per calendar month. */
    public Builder maxRewardsPerMonth(long max) {
      return count(LimitKind.REFERRER_MONTHLY_COUNT, max, "maxRewardsPerMonth");
    }

    /** At most {@code max} rewards per referrer per calendar year. */
    public Builder maxRewardsPerYear(long max) {
      return count(LimitKind.REFERRER_YEARLY_COUNT, max, "maxRewardsPerYear");
    }

    /** At most {@code max} rewards per referrer, ever. */
    public Builder maxRewardsLifetime(long max) {
      return count(LimitKind.REFERRER_LIFETIME_COUNT, max, "maxRewardsLifetime");
    }

    /** At most {@code max} of reward money per referrer per calendar month. */
    public Builder maxAmountPerMonth(Money max) {
      return amount(LimitKind.REFERRER_MONTHLY_AMOUNT, max, "maxAmountPerMonth");
    }

    /** At most {@code max} of reward money per referrer per calendar year. */
    public Builder maxAmountPerYear(Money max) {
      return amount(LimitKind.REFERRER_YEARLY_AMOUNT, max, "maxAmountPerYear");
    }

    /** At most {@code max} of reward money per referrer, ever. */
    public Builder maxAmountLifetime(Money max) {
      return amount(LimitKind.REFERRER_LIFETIME_AMOUNT, max, "maxAmountLifetime");
    }

    /** At most {@code budget} of reward money for the whole program. */
    public Builder programBudget(Money budget) {
      return amount(LimitKind.PROGRAM_BUDGET, budget, "programBudget");
    }

    private Builder count(LimitKind kind, long max, String name) {
      if (max < 0) {
        throw new IllegalArgumentException(name + " must not be negative but was " + max);
      }
      if (counts.containsKey(kind)) {
        throw new IllegalStateException(name + " was already set to " + counts.get(kind));
      }
      counts.put(kind, max);
      return this;
    }

    private Builder amount(LimitKind kind, Money max, String name) {
      Objects.requireNonNull(max, name);
      if (max.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + max);
      }
      if (amounts.containsKey(kind)) {
        throw new IllegalStateException(name + " was already set to " + amounts.get(kind));
      }
      amounts.put(kind, max);
      return this;
    }

    /**
     * The limits.
     *
     * @throws IllegalStateException if money limits are in different currencies
     */
    public ReferralLimits build() {
      Money first = null;
      for (Money m : amounts.values()) {
        if (first == null) {
          first = m;
        } else if (!first.currency().equals(m.currency())) {
          throw new IllegalStateException(
              "all money limits must be in one currency but found "
                  + first.currency()
                  + " and "
                  + m.currency());
        }
      }
      return new ReferralLimits(this);
    }
  }
}
