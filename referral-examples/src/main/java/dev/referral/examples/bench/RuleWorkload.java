package dev.referral.examples.bench;

import dev.referral.core.Audience;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.EventType;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.RuleSet;
import dev.referral.rules.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A benchmark workload for the rules engines: a rule set of a given size and shape, as {@link
 * RuleSpec}s, and a pre-generated stream of events with their contexts. Deterministic: the same
 * arguments give the same rules and the same stream.
 */
final class RuleWorkload {

  /** How the rules spread over event types. */
  enum Shape {
    /**
     * 2 or 3 rules apply to each event type of the stream (referred, moved, converted, repeat
     * purchase); every other rule applies to types the stream never has.
     */
    SPREAD,
    /**
     * Every rule applies to conversions, the only type in the stream; at most 3 of them can fire
     * (the first 3; the others test values the stream never has).
     */
    ONE_TYPE
  }

  /** One event of the stream and the context it is decided in. */
  record Sample(ReferralEvent event, PolicyContext context) {}

  /** Stream length: a power of two, so a benchmark can cycle with a mask. */
  static final int STREAM_SIZE = 1024;

  private static final Instant NOW = TestData.NOW;

  /** Event types that the stream never has; SPREAD puts its extra rules on these. */
  private static final EventType[] QUIET_TYPES = {
    EventType.REFERRER_ENROLLED,
    EventType.CODE_ISSUED,
    EventType.SATISFACTION_RECORDED,
    EventType.REWARD_GRANTED,
    EventType.REWARD_ISSUED,
    EventType.REWARD_REDEEMED,
    EventType.REWARD_EXPIRED,
    EventType.FOLLOW_UP_SENT,
    EventType.ORDER_REFUNDED,
    EventType.PARTNER_REFERRAL_SENT
  };

  private static final EventType[] STREAM_TYPES = {
    EventType.LEAD_REFERRED,
    EventType.LEAD_MOVED,
    EventType.LEAD_CONVERTED,
    EventType.REPEAT_PURCHASE
  };

  private static final String[] SOURCES = {"newsletter", "link", "email", "shop"};
  private static final String[] CATEGORIES = {"garden", "tools", "books", "toys"};

  private final List<RuleSpec> specs;
  private final List<Sample> stream;

  RuleWorkload(int ruleCount, Shape shape) {
    int least = shape == Shape.SPREAD ? 10 : 3;
    if (ruleCount < least) {
      throw new IllegalArgumentException(
          "ruleCount must be at least " + least + " for " + shape + " but was " + ruleCount);
    }
    this.specs = specs(ruleCount, shape);
    this.stream = stream(shape);
  }

  List<RuleSpec> specs() {
    return specs;
  }

  List<Sample> stream() {
    return stream;
  }

  /** Our engine for the rule set. */
  RuleEngine ruleEngine() {
    RuleSet.Builder set = RuleSet.builder("bench-" + specs.size());
    for (RuleSpec spec : specs) {
      set.rule(spec.toRule());
    }
    return RuleEngine.of(set.build());
  }

  /** Easy Rules for the same rule set. */
  EasyRulesPolicy easyRules() {
    return new EasyRulesPolicy(specs);
  }

  /**
   * Checks that both engines make identical decisions, in the same order, on every event of the
   * stream.
   *
   * @return how many decisions were made over the stream
   * @throws IllegalStateException naming the first event on which they differ
   */
  static int checkAgree(RuleWorkload workload, RuleEngine ours, EasyRulesPolicy theirs) {
    int decisions = 0;
    for (int i = 0; i < workload.stream.size(); i++) {
      Sample s = workload.stream.get(i);
      List<Decision> a = ours.decide(s.event(), s.context());
      List<Decision> b = theirs.decide(s.event(), s.context());
      if (!List.copyOf(a).equals(b)) {
        throw new IllegalStateException(
            "engines differ on event " + i + " " + s.event() + ":\n ours: " + a + "\n easy: " + b);
      }
      decisions += a.size();
    }
    return decisions;
  }

  private static List<RuleSpec> specs(int count, Shape shape) {
    List<RuleSpec> specs = new ArrayList<>(count);
    Money eur50 = Money.of(50, "EUR");
    // The rules that apply to conversions in both shapes: 3.
    specs.add(spec(0, 0, EventType.LEAD_CONVERTED, new RuleSpec.AmountAtLeast(eur50), grant(10)));
    specs.add(
        spec(
            1,
            10,
            EventType.LEAD_CONVERTED,
            new RuleSpec.PartnerAbove(Money.of(200, "EUR")),
            new RuleSpec.Grant(Incentive.commission("10"))));
    specs.add(
        spec(
            2,
            0,
            EventType.LEAD_CONVERTED,
            new RuleSpec.NthConversion(3),
            new RuleSpec.FollowUp(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofDays(1))));
    if (shape == Shape.SPREAD) {
      specs.add(
          spec(
              3,
              0,
              EventType.REPEAT_PURCHASE,
              new RuleSpec.CategoryIn(Set.of("garden", "tools")),
              new RuleSpec.Grant(Incentive.commission("5"))));
      specs.add(
          spec(
              4,
              0,
              EventType.REPEAT_PURCHASE,
              new RuleSpec.AmountAtLeast(Money.of(100, "EUR")),
              new RuleSpec.Grant(Incentive.points(100))));
      specs.add(
          spec(
              5,
              5,
              EventType.REPEAT_PURCHASE,
              new RuleSpec.PartnerAbove(Money.of(500, "EUR")),
              grant(50)));
      specs.add(
          spec(
              6,
              0,
              EventType.LEAD_REFERRED,
              new RuleSpec.SourceIs("newsletter"),
              new RuleSpec.FollowUp(
                  FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, Duration.ofHours(1))));
      specs.add(
          spec(
              7,
              0,
              EventType.LEAD_REFERRED,
              new RuleSpec.SourceIs("link"),
              new RuleSpec.Grant(Incentive.thankYou("Thanks for the referral"))));
      specs.add(
          spec(
              8,
              0,
              EventType.LEAD_MOVED,
              new RuleSpec.StatusIs(LeadStatus.QUALIFIED),
              new RuleSpec.FollowUp(
                  FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, Duration.ZERO)));
      specs.add(
          spec(
              9,
              0,
              EventType.LEAD_MOVED,
              new RuleSpec.StatusIs(LeadStatus.LOST),
              new RuleSpec.CancelLead()));
    }
    for (int i = specs.size(); i < count; i++) {
      EventType type =
          shape == Shape.SPREAD ? QUIET_TYPES[i % QUIET_TYPES.length] : EventType.LEAD_CONVERTED;
      specs.add(spec(i, i % 3 - 1, type, neverOnStream(i), grant(1 + i % 100)));
    }
    return List.copyOf(specs);
  }

  /** A condition that never holds on the stream, of one of the six kinds. */
  private static RuleSpec.Test neverOnStream(int i) {
    return switch (i % 6) {
      case 0 -> new RuleSpec.AmountAtLeast(Money.of(1_000_000 + i, "EUR"));
      case 1 -> new RuleSpec.PartnerAbove(Money.of(1_000_000 + i, "EUR"));
      case 2 -> new RuleSpec.NthConversion(1_000 + i);
      case 3 -> new RuleSpec.SourceIs("campaign-" + i);
      case 4 -> new RuleSpec.CategoryIn(Set.of("category-" + i, "other-" + i));
      default -> new RuleSpec.StatusIs(LeadStatus.LOST);
    };
  }

  private static RuleSpec spec(
      int index, int priority, EventType type, RuleSpec.Test test, RuleSpec.Act action) {
    return new RuleSpec(String.format("r%05d", index), priority, type, test, action);
  }

  private static RuleSpec.Grant grant(long euros) {
    return new RuleSpec.Grant(Incentive.giftCard(Money.of(euros, "EUR")));
  }

  private static List<Sample> stream(Shape shape) {
    Random random = new Random(42);
    List<Referrer> referrers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      referrers.add(
          TestData.referrer("ref-" + i, i % 2 == 0 ? ReferrerKind.CUSTOMER : ReferrerKind.PARTNER));
    }
    List<Sample> samples = new ArrayList<>(STREAM_SIZE);
    for (int i = 0; i < STREAM_SIZE; i++) {
      Referrer referrer = referrers.get(random.nextInt(referrers.size()));
      String source = SOURCES[random.nextInt(SOURCES.length)];
      Lead lead =
          TestData.lead(
              "lead-" + i, referrer, source, NOW.minus(Duration.ofHours(1 + random.nextInt(500))));
      EventType type =
          shape == Shape.SPREAD
              ? STREAM_TYPES[random.nextInt(STREAM_TYPES.length)]
              : EventType.LEAD_CONVERTED;
      ReferrerStats stats = ReferrerStats.ofConversions(1, 2, 1 + random.nextInt(5));
      Purchase purchase =
          new Purchase(
              OrderId.of("order-" + i),
              Money.of(10 + random.nextInt(990), "EUR"),
              NOW,
              Set.of(),
              categories(random));
      ReferralEvent event;
      Lead after;
      switch (type) {
        case LEAD_REFERRED -> {
          event = TestData.referred(lead);
          after = lead;
        }
        case LEAD_MOVED -> {
          LeadStatus to = random.nextBoolean() ? LeadStatus.QUALIFIED : LeadStatus.LOST;
          Lead contacted = lead.moveTo(LeadStatus.CONTACTED, NOW, "");
          after = contacted.moveTo(to, NOW, "");
          event =
              new LeadMoved(
                  EventId.of("E-moved-" + i),
                  NOW,
                  lead.id(),
                  referrer.id(),
                  LeadStatus.CONTACTED,
                  to,
                  "");
        }
        case LEAD_CONVERTED -> {
          event = TestData.converted(lead, purchase);
          after = lead;
        }
        default -> {
          event =
              new RepeatPurchase(
                  EventId.of("E-repeat-" + i), NOW, lead.id(), referrer.id(), purchase);
          after = lead;
        }
      }
      PolicyContext context =
          PolicyContext.builder(NOW).referrer(referrer).lead(after).stats(stats).build();
      samples.add(new Sample(event, context));
    }
    return List.copyOf(samples);
  }

  private static Set<String> categories(Random random) {
    Set<String> picked = new HashSet<>();
    int n = random.nextInt(3);
    for (int k = 0; k < n; k++) {
      picked.add(CATEGORIES[random.nextInt(CATEGORIES.length)]);
    }
    return picked;
  }
}
