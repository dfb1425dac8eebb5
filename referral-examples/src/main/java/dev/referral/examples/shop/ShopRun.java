package dev.referral.examples.shop;

import dev.referral.core.FollowUpKind;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Notification;
import dev.referral.core.Referrer;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.SourceReport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one run of the {@link ShopBackend} printed and left behind, for tests and curious readers.
 *
 * @param seed the seed of the run's random choices
 * @param lines every printed line, in order
 * @param referrers every referrer, in enrolment order
 * @param leads every lead, accepted or rejected, in order of referral
 * @param rewards every reward, grouped by referrer in enrolment order, oldest first
 * @param notifications every notification sent, in order
 * @param report the source report that ends the run
 */
public record ShopRun(
    long seed,
    List<String> lines,
    List<Referrer> referrers,
    List<Lead> leads,
    List<Reward> rewards,
    List<Notification> notifications,
    SourceReport report) {

  /** Copies the lists and the map. */
  public ShopRun {
    lines = List.copyOf(lines);
    referrers = List.copyOf(referrers);
    leads = List.copyOf(leads);
    rewards = List.copyOf(rewards);
    notifications = List.copyOf(notifications);
    Objects.requireNonNull(report, "report");
  }

  /** The printed output, one line per line. */
  public String output() {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  /** How many notifications were sent, by kind name. */
  public SortedMap<String, Integer> notificationsByKind() {
    SortedMap<String, Integer> out = new TreeMap<>();
    notifications.forEach(n -> out.merge(n.kind().name(), 1, Integer::sum));
    return out;
  }

  /** The notifications of {@code kind}, in order. */
  public List<Notification> notifications(FollowUpKind kind) {
    return notifications.stream().filter(n -> n.kind().equals(kind)).toList();
  }

  /** The referrer named {@code name}. */
  public Referrer referrer(String name) {
    return referrers.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no referrer named " + name));
  }

  /** The rewards with {@code status}, in the order of {@link #rewards()}. */
  public List<Reward> rewards(RewardStatus status) {
    return rewards.stream().filter(r -> r.status() == status).toList();
  }

  /** The leads with {@code status}, in the order of {@link #leads()}. */
  public List<Lead> leads(LeadStatus status) {
    return leads.stream().filter(l -> l.status() == status).toList();
  }

  /** How many referrals were rejected, by reason. */
  public Map<RejectionReason, Integer> rejections() {
    Map<RejectionReason, Integer> out = new EnumMap<>(RejectionReason.class);
    for (Lead lead : leads) {
      lead.rejection().ifPresent(r -> out.merge(r.reason(), 1, Integer::sum));
    }
    return out;
  }
}
