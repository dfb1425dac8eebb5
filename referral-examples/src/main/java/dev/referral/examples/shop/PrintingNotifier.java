package dev.referral.examples.shop;

import dev.referral.core.Audience;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Notification;
import dev.referral.core.spi.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shop's notifier: it renders each notification's structured data as one line of the timeline
 * (where a real shop would send an email or print a letter), counts them by kind, and lets the
 * recipients of the simulation read their mail.
 */
final class PrintingNotifier implements Notifier {
  private final Timeline timeline;
  private final Consumer<Notification> mailbox;
  private final List<Notification> sent = new ArrayList<>();

  PrintingNotifier(Timeline timeline, Consumer<Notification> mailbox) {
    this.timeline = timeline;
    this.mailbox = mailbox;
  }

  @Override
  public void send(Notification n) {
    timeline.at(
        String.format(
            Locale.ROOT, "> %-6s %-17s %s", n.channel(), n.kind(), text(n.kind(), n.data(), n)));
    sent.add(n);
    mailbox.accept(n);
  }

  private static String text(FollowUpKind kind, Map<String, String> data, Notification n) {
    String to = n.recipient().name();
    String lead = data.getOrDefault("leadName", "");
    if (kind.equals(FollowUpKind.ONBOARDING)) {
      return "welcome " + to + ": share code " + data.get("referralCode");
    } else if (kind.equals(FollowUpKind.CONTACT_LEAD)) {
      return "sales, please call " + to + " (referred by " + data.get("referrerName") + ")";
    } else if (kind.equals(FollowUpKind.NURTURE_LEAD)) {
      return "tea tips #" + data.get("nurture") + " for " + to;
    } else if (kind.equals(FollowUpKind.PROGRESS_UPDATE)) {
      return "tell " + to + ": " + lead + " is " + data.get("step");
    } else if (kind.equals(FollowUpKind.THANK_YOU)) {
      return "thank " + to + " for " + lead + ": " + data.get("reward");
    } else if (kind.equals(FollowUpKind.REWARD_NOTICE)) {
      return "tell " + to + ": " + data.get("reward") + " is waiting";
    } else if (kind.equals(FollowUpKind.ASK_FOR_REFERRALS)) {
      return "ask " + to + " to recommend us (code " + data.get("referralCode") + ")";
    } else if (kind.equals(FollowUpKind.KEEP_IN_TOUCH)) {
      return "quarterly letter to " + to;
    } else if (kind.equals(FollowUpKind.REMINDER)) {
      return "remind " + to + ": the offer ends " + data.get("offerExpiresAt").substring(0, 10);
    }
    return (n.recipient().audience() == Audience.REFERRER ? "referrer " : "prospect ") + to;
  }

  /** Every notification sent, in order. */
  List<Notification> sent() {
    return List.copyOf(sent);
  }
}
