package dev.referral.rules;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.CancelFollowUps;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule does when it fires: each action becomes one {@link dev.referral.core.policy.Decision}
 * whose reason is the rule's name. A closed family of records.
 */
public sealed interface Action permits Action.Grant, Action.FollowUp, Action.Cancel {

  /** The longest delay of a follow-up and the longest hold or expiry of a grant: 100 years. */
  Duration MAX_DELAY = Duration.ofDays(36_525);

  /**
   * Grant a reward ({@link dev.referral.core.policy.GrantReward}).
   *
   * @param to who receives it
   * @param incentive what it gives
   * @param holdFor keep it pending this long (a return window), if set
   * @param requiresApproval whether an operator must approve it
   * @param expiresAfter it expires this long after the grant, if set
   */
  record Grant(
      Beneficiary to,
      Incentive incentive,
      Optional<Duration> holdFor,
      boolean requiresApproval,
      Optional<Duration> expiresAfter)
      implements Action {

    /** Validates the fields. */
    public Grant {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(incentive, "incentive");
      Objects.requireNonNull(holdFor, "holdFor");
      Objects.requireNonNull(expiresAfter, "expiresAfter");
      holdFor.ifPresent(d -> checkDelay(d, "holdFor", false));
      expiresAfter.ifPresent(d -> checkDelay(d, "expiresAfter", true));
    }

    /** Grant {@code incentive} to {@code to}, issued at once. */
    public static Grant of(Beneficiary to, Incentive incentive) {
      return new Grant(to, incentive, Optional.empty(), false, Optional.empty());
    }

    /** A copy held for {@code hold}. */
    public Grant heldFor(Duration hold) {
      return new Grant(
          to,
          incentive,
          Optional.of(Objects.requireNonNull(hold, "hold")),
          requiresApproval,
          expiresAfter);
    }

    /** A copy that an operator must approve. */
    public Grant withApproval() {
      return new Grant(to, incentive, holdFor, true, expiresAfter);
    }

    /** A copy that expires {@code after} the grant. */
    public Grant expiringAfter(Duration after) {
      return new Grant(
          to,
          incentive,
          holdFor,
          requiresApproval,
          Optional.of(Objects.requireNonNull(after, "after")));
    }
  }

  /**
   * Schedule a follow-up ({@link dev.referral.core.policy.ScheduleFollowUp}) due {@code after} the
   * decision time.
   *
   * @param kind what it is for
   * @param to who it goes to
   * @param after how long after the decision it is due, zero or more
   * @param channel how it travels
   * @param data extra data for the message
   */
  record FollowUp(
      FollowUpKind kind, Audience to, Duration after, Channel channel, Map<String, String> data)
      implements Action {

    /** Validates the fields and copies the data. */
    public FollowUp {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(to, "to");
      checkDelay(after, "after", false);
      Objects.requireNonNull(channel, "channel");
      data = Map.copyOf(Objects.requireNonNull(data, "data"));
    }

    /** A follow-up by email without extra data. */
    public static FollowUp of(FollowUpKind kind, Audience to, Duration after) {
      return new FollowUp(kind, to, after, Channel.EMAIL, Map.of());
    }

    /** A copy sent through {@code channel}. */
    public FollowUp via(Channel channel) {
      return new FollowUp(kind, to, after, channel, data);
    }

    /** A copy with extra {@code data}. */
    public FollowUp withData(Map<String, String> data) {
      return new FollowUp(kind, to, after, channel, data);
    }
  }

  /**
   * Cancel pending follow-ups ({@link CancelFollowUps}).
   *
   * @param scope the lead's or the referrer's follow-ups
   * @param kinds the kinds to cancel; empty means every kind
   */
  record Cancel(CancelFollowUps.Scope scope, Set<FollowUpKind> kinds) implements Action {

    /** Validates the fields and copies the kinds. */
    public Cancel {
      Objects.requireNonNull(scope, "scope");
      kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
    }
  }

  private static void checkDelay(Duration delay, String name, boolean positive) {
    Objects.requireNonNull(delay, name);
    if (delay.isNegative() || (positive && delay.isZero())) {
      throw new IllegalArgumentException(
          name + " must be " + (positive ? "positive" : "zero or more") + " but was " + delay);
    }
    Checks.argument(
        delay.compareTo(MAX_DELAY) <= 0,
        name + " must be at most " + MAX_DELAY + " but was " + delay);
  }
}
