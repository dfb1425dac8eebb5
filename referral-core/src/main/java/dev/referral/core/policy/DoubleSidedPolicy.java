package dev.referral.core.policy;

import dev.referral.core.Incentive;
import dev.referral.core.Offer;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The classic double-sided offer: the friend gets an incentive when referred, the referrer gets one
 * when the friend buys. Lets referral-core run a program without the rules module. Immutable and
 * thread-safe.
 */
public final class DoubleSidedPolicy implements ReferralPolicy {

  /** The reason recorded with the rewards it grants. */
  public static final String NAME = "double-sided offer";

  private final Optional<Incentive> friendIncentive;
  private final Optional<Incentive> referrerIncentive;
  private final Optional<Duration> referrerHold;
  private final boolean partnerApproval;

  private DoubleSidedPolicy(Builder builder) {
    this.friendIncentive = Optional.ofNullable(builder.friend);
    this.referrerIncentive = Optional.ofNullable(builder.referrer);
    this.referrerHold = Optional.ofNullable(builder.hold);
    this.partnerApproval = builder.partnerApproval;
  }

  /** The policy for {@code offer}: the offer's friend and referrer incentives, no hold. */
  public static DoubleSidedPolicy of(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    return builder()
        .friendGets(offer.friendIncentive())
        .referrerGets(offer.referrerIncentive())
        .build();
  }

  /** Starts a policy. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Decision> decide(ReferralEvent event, PolicyContext context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    if (event instanceof LeadReferred && friendIncentive.isPresent()) {
      return List.of(GrantReward.toProspect(friendIncentive.get(), NAME));
    }
    if (event instanceof LeadConverted && referrerIncentive.isPresent()) {
      GrantReward grant = GrantReward.toReferrer(referrerIncentive.get(), NAME);
      if (referrerHold.isPresent()) {
        grant = grant.heldFor(referrerHold.get());
      }
      boolean partner =
          context
              .referrer()
              .map(r -> r.kind() == dev.referral.core.ReferrerKind.PARTNER)
              .orElse(false);
      if (partnerApproval && partner) {
        grant = grant.withApproval();
      }
      return List.of(grant);
    }
    return List.of();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String toString() {
    return "DoubleSidedPolicy[friend="
        + friendIncentive.map(Incentive::describe).orElse("-")
        + ", referrer="
        + referrerIncentive.map(Incentive::describe).orElse("-")
        + referrerHold.map(h -> ", hold=" + h).orElse("")
        + "]";
  }

  /** Builds a {@link DoubleSidedPolicy}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Incentive friend;
    private @Nullable Incentive referrer;
    private @Nullable Duration hold;
    private boolean partnerApproval;

    private Builder() {}

    /** What the friend gets when referred. */
    public Builder friendGets(Incentive incentive) {
      Objects.requireNonNull(incentive, "incentive");
      if (friend != null) {
        throw new IllegalStateException("friendGets was already set to " + friend.describe());
      }
      this.friend = incentive;
      return this;
    }

    /** What the referrer gets when the friend buys. */
    public Builder referrerGets(Incentive incentive) {
      Objects.requireNonNull(incentive, "incentive");
      if (referrer != null) {
        throw new IllegalStateException("referrerGets was already set to " + referrer.describe());
      }
      this.referrer = incentive;
      return this;
    }

    /** Hold the referrer's reward for {@code hold} (a return window) before issuing it. */
    public Builder holdReferrerRewardFor(Duration hold) {
      Objects.requireNonNull(hold, "hold");
      if (hold.isNegative()) {
        throw new IllegalArgumentException("hold must not be negative but was " + hold);
      }
      this.hold = hold;
      return this;
    }

    /** Require an operator's approval of rewards for partner referrers. */
    public Builder approvePartnerRewards() {
      this.partnerApproval = true;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalStateException if neither side gets anything
     */
    public DoubleSidedPolicy build() {
      if (friend == null && referrer == null) {
        throw new IllegalStateException("a double-sided policy needs friendGets or referrerGets");
      }
      return new DoubleSidedPolicy(this);
    }
  }
}
