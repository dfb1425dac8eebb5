package dev.referral.core.notify;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.LeadId;
import dev.referral.core.Notification;
import dev.referral.core.Recipient;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notifications as the program renders them, for notifier tests. */
public final class SampleNotifications {

  /** Every kind the library schedules. */
  public static final List<FollowUpKind> BUILT_IN_KINDS =
      List.of(
          FollowUpKind.ONBOARDING,
          FollowUpKind.CONTACT_LEAD,
          FollowUpKind.NURTURE_LEAD,
          FollowUpKind.PROGRESS_UPDATE,
          FollowUpKind.REWARD_NOTICE,
          FollowUpKind.THANK_YOU,
          FollowUpKind.ASK_FOR_REFERRALS,
          FollowUpKind.KEEP_IN_TOUCH,
          FollowUpKind.REMINDER);

  /** A thank-you by email, F-1. */
  public static final Notification THANKS_BY_EMAIL =
      of("F-1", FollowUpKind.THANK_YOU, Channel.EMAIL);

  /** A quarterly letter, F-2. */
  public static final Notification LETTER = of("F-2", FollowUpKind.KEEP_IN_TOUCH, Channel.LETTER);

  /** A reminder by SMS, F-3. */
  public static final Notification REMINDER_BY_SMS = of("F-3", FollowUpKind.REMINDER, Channel.SMS);

  private SampleNotifications() {}

  /** Notification {@code id}, a first attempt of {@code kind} on {@code channel} to Jane. */
  public static Notification of(String id, FollowUpKind kind, Channel channel) {
    Recipient jane =
        new Recipient(
            Audience.REFERRER,
            "Jane",
            Optional.of("jane@example.com"),
            Optional.of("+4915112345678"),
            ReferrerId.of("R-1"),
            Optional.of(LeadId.of("L-1")));
    return new Notification(
        FollowUpId.of(id),
        kind,
        channel,
        jane,
        Map.of("referrerName", "Jane", "referralCode", "JANE10", "leadName", "Bob"),
        1,
        Instant.parse("2026-01-05T09:00:00Z"));
  }
}
