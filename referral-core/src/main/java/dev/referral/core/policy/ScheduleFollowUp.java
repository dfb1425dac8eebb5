package dev.referral.core.policy;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Schedule a follow-up to the event's referrer or to its lead's prospect. Scheduling is idempotent
 * per event, kind, audience and reason. A follow-up to a referrer without consent is not scheduled.
 *
 * @param kind what it is for
 * @param audience who it goes to
 * @param dueAt when it is due
 * @param channel how it travels
 * @param reason the policy or rule that schedules it
 * @param data extra data for the message
 */
public record ScheduleFollowUp(
    FollowUpKind kind,
    Audience audience,
    Instant dueAt,
    Channel channel,
    String reason,
    Map<String, String> data)
    implements Decision {

  /** Validates the fields and copies the data. */
  public ScheduleFollowUp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(channel, "channel");
    reason = Checks.text(reason, "reason", 200);
    data = Map.copyOf(Objects.requireNonNull(data, "data"));
  }

  /** A follow-up by email without extra data. */
  public static ScheduleFollowUp of(
      FollowUpKind kind, Audience audience, Instant dueAt, String reason) {
    return new ScheduleFollowUp(kind, audience, dueAt, Channel.EMAIL, reason, Map.of());
  }

  /** A copy sent through {@code channel}. */
  public ScheduleFollowUp via(Channel channel) {
    return new ScheduleFollowUp(kind, audience, dueAt, channel, reason, data);
  }

  /** A copy with extra {@code data}. */
  public ScheduleFollowUp withData(Map<String, String> data) {
    return new ScheduleFollowUp(kind, audience, dueAt, channel, reason, data);
  }
}
