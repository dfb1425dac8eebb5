package dev.referral.rules.testing;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.policy.ScheduleFollowUp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up a test expects: of which kind to whom, and optionally how long after the decision,
 * from which rule and through which channel. Unset parts match anything. Made by {@link
 * RuleFixture#followUp}.
 *
 * @param kind what it is for
 * @param to who it goes to
 * @param after how long after the decision it is due, if it matters
 * @param rule the rule that schedules it, if it matters
 * @param channel its channel, if it matters
 */
public record ExpectedFollowUp(
    FollowUpKind kind,
    Audience to,
    Optional<Duration> after,
    Optional<String> rule,
    Optional<Channel> channel) {

  /** Checks the fields. */
  public ExpectedFollowUp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(channel, "channel");
  }

  /** The same, due {@code after} the decision. */
  public ExpectedFollowUp after(Duration after) {
    Objects.requireNonNull(after, "after");
    return new ExpectedFollowUp(kind, to, Optional.of(after), rule, channel);
  }

  /** The same, scheduled by the rule named {@code rule}. */
  public ExpectedFollowUp byRule(String rule) {
    Objects.requireNonNull(rule, "rule");
    return new ExpectedFollowUp(kind, to, after, Optional.of(rule), channel);
  }

  /** The same, sent through {@code channel}. */
  public ExpectedFollowUp via(Channel channel) {
    Objects.requireNonNull(channel, "channel");
    return new ExpectedFollowUp(kind, to, after, rule, Optional.of(channel));
  }

  /** Whether {@code followUp}, decided at {@code now}, is this follow-up. */
  public boolean matches(ScheduleFollowUp followUp, Instant now) {
    Objects.requireNonNull(followUp, "followUp");
    Objects.requireNonNull(now, "now");
    return followUp.kind().equals(kind)
        && followUp.audience() == to
        && after.map(a -> followUp.dueAt().equals(now.plus(a))).orElse(true)
        && rule.map(followUp.reason()::equals).orElse(true)
        && channel.map(followUp.channel()::equals).orElse(true);
  }

  @Override
  public String toString() {
    return kind
        + " to "
        + to
        + after.map(a -> " after " + a).orElse("")
        + channel.map(c -> " by " + c).orElse("")
        + rule.map(r -> " by rule '" + r + "'").orElse("");
  }
}
