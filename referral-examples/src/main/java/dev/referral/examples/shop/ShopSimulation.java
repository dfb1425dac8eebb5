package dev.referral.examples.shop;

import dev.referral.core.Beneficiary;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.Refund;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.SourceReport;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.LeadRejected;
import dev.referral.core.event.OrderRefunded;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardExpired;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.RewardRedeemed;
import dev.referral.core.event.RewardRevoked;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.testing.SettableClock;
import dev.referral.examples.rules.RewardTerms;
import dev.referral.examples.shop.Shop.Customer;
import dev.referral.examples.shop.Shop.Order;
import dev.referral.rules.Rule;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Four months of the tea shop, day by day. A script plays the scenes every run shows (the
 * super-referrer who hits the monthly cap, the refund, the partner, the rejected referrals); the
 * seed decides the rest: order amounts, survey scores, which other customers recommend the shop and
 * which of their friends buy. Everything happens through an agenda ordered by time, while the
 * host's scheduler dispatches follow-ups every hour of the working day and runs maintenance every
 * night.
 */
final class ShopSimulation {
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final Instant END = Instant.parse("2026-05-04T00:00:00Z");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final String PARTNER = "Green Leaf Yoga";
  private static final List<String> FIRST_NAMES =
      List.of(
          "Anna", "Ben", "Carla", "David", "Elif", "Finn", "Gina", "Hugo", "Iris", "Jan", "Kira",
          "Lars", "Maya", "Nils", "Olga", "Pia", "Rafael", "Sara", "Timo", "Vera");
  private static final List<String> LAST_NAMES =
      List.of(
          "Adler", "Bauer", "Costa", "Dietz", "Engel", "Fuchs", "Graf", "Hahn", "Jung", "Keller",
          "Lorenz", "Meyer", "Nowak", "Otto", "Peters", "Roth", "Sommer", "Thiel", "Vogt",
          "Winter");

  /** A friend the simulation may refer: a prospect as the shop first meets them. */
  private record Friend(String name, String email) {
    static Friend named(String name) {
      return new Friend(name, name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.net");
    }

    Prospect prospect() {
      return Prospect.withEmail(name, email);
    }
  }

  /**
   * What a referred friend will do: buy after {@code buyAfterDays} (0: never) for {@code amount},
   * buy again {@code repeatAfterDays} later (0: never), or lose interest after the second nurture.
   */
  private record Fate(int buyAfterDays, Money amount, int repeatAfterDays, boolean losesInterest) {
    static Fate buys(int afterDays, Money amount) {
      return new Fate(afterDays, amount, 0, false);
    }

    static Fate losingInterest() {
      return new Fate(0, Money.zero(EUR), 0, true);
    }

    Fate thenBuysAgainAfter(int days) {
      return new Fate(buyAfterDays, amount, days, losesInterest);
    }
  }

  private record Task(Instant at, long seq, Runnable action) {}

  private final Random random;
  private final SettableClock clock = SettableClock.at(START);
  private final Timeline timeline;
  private final Shop shop = new Shop();
  private final PrintingNotifier notifier;
  private final ReferralProgram program;
  private final PriorityQueue<Task> agenda =
      new PriorityQueue<>(Comparator.comparing(Task::at).thenComparingLong(Task::seq));
  private long seq;

  private final Map<ReferrerId, Referrer> referrers = new LinkedHashMap<>();
  private final Set<String> scripted = new HashSet<>();
  private Friend referring;
  private final Map<LeadId, Friend> friends = new LinkedHashMap<>();
  private final Map<LeadId, Fate> fates = new LinkedHashMap<>();
  private final List<LeadId> leads = new ArrayList<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Set<RewardId> held = new HashSet<>();
  private final long seed;

  ShopSimulation(long seed, ReferralStore store, PrintStream out) {
    this.seed = seed;
    this.random = new Random(seed);
    this.timeline = new Timeline(clock, out);
    this.notifier = new PrintingNotifier(timeline, this::read);
    this.program = ShopBackend.program(store, clock, shop, notifier, seed);
    program.onEvent(this::narrate);
  }

  ShopRun run() {
    timeline.print("Tea & Co referral program, " + START + " to " + END + ", seed " + seed);
    timeline.print(
        "Reward terms from reward-terms.json: "
            + RewardTerms.fromJson().rules().stream()
                .map(Rule::name)
                .collect(Collectors.joining(", "))
            + "; at most "
            + ShopBackend.MONTHLY_REWARD_CAP
            + " rewards per referrer a month");
    script();
    for (Instant hour = START; hour.isBefore(END); hour = hour.plus(Duration.ofHours(1))) {
      while (!agenda.isEmpty() && !agenda.peek().at().isAfter(hour)) {
        Task task = agenda.poll();
        clock.set(task.at());
        task.action().run();
      }
      clock.set(hour);
      int h = hour.atZone(ZoneOffset.UTC).getHour();
      if (h == 2) {
        program.runMaintenance(); // the nightly job
      } else if (h >= 8 && h <= 20) {
        program.dispatchDueFollowUps(); // the hourly job
      }
    }
    return finish();
  }

  // The script: the scenes every run shows.

  private void script() {
    firstOrder(day(0, 10), "Jane Porter", 10, true);
    firstOrder(day(0, 15), "Omar Haddad", 9, true);
    firstOrder(day(1, 11), "Mia Chen", 9, true);
    firstOrder(day(2, 9), "Noah Kim", null, true);
    firstOrder(day(2, 16), "Sofia Rossi", 8, true);
    firstOrder(day(3, 12), "Lukas Berg", null, false);
    firstOrder(day(4, 10), "Ava Novak", null, true);
    firstOrder(day(7, 14), "Leo Martin", null, true);
    firstOrder(day(8, 10), "Emma Dubois", 4, true);
    firstOrder(day(9, 17), "Ivan Petrov", null, true);
    String jane = "Jane Porter";
    String omar = "Omar Haddad";
    String mia = "Mia Chen";
    String sofia = "Sofia Rossi";
    scripted.addAll(List.of(jane, omar, mia, sofia, PARTNER));

    // A partner business with the same customers, and a vanity code.
    at(day(7, 9), () -> enrolPartner());
    Fate[] students = {
      Fate.buys(5, amount(60, 180)).thenBuysAgainAfter(27),
      Fate.buys(7, amount(60, 180)).thenBuysAgainAfter(71),
      Fate.buys(7, amount(60, 180)),
      Fate.losingInterest(),
      Fate.buys(7, amount(60, 180)).thenBuysAgainAfter(35),
      Fate.buys(5, amount(60, 180)),
      Fate.buys(7, amount(60, 180)),
    };
    String[] studentNames = {
      "Hanna Yilmaz",
      "Jonas Richter",
      "Clara Stein",
      "Felix Braun",
      "Greta Hoffmann",
      "Moritz Frank",
      "Ella Schulz"
    };
    int[] studentDays = {14, 22, 30, 38, 51, 63, 77};
    for (int i = 0; i < students.length; i++) {
      Friend student = friend(studentNames[i]);
      Fate fate = students[i];
      at(day(studentDays[i], 18), () -> refer(PARTNER, student, "partner-portal", fate));
    }
    at(day(31, 12), () -> sendToPartner("Emma Dubois asked for a yoga class"));
    at(day(66, 12), () -> sendToPartner("Ivan Petrov asked for a yoga class"));

    // Omar's friend buys and returns the order; Omar tries to refer himself.
    Friend max = friend("Max Vogel");
    at(day(10, 10), () -> refer(omar, max, "email-share", Fate.buys(8, amount(60, 100))));
    at(day(11, 19), () -> referSelf(omar));
    at(day(28, 11), () -> returnOrder(max));

    // Sofia recommends someone who already shops here, and someone new.
    at(
        day(14, 20),
        () -> refer(sofia, Friend.named("Noah Kim"), "email-share", Fate.losingInterest()));
    at(day(14, 20), () -> refer(sofia, friend("Ben Ortiz"), "email-share", randomFate()));

    // Jane's four friends all buy in February: the monthly cap stops the fourth credit.
    String[] janesFriends = {"Lena Fischer", "Paul Weber", "Tom Becker", "Nina Wolf"};
    int[] referredOn = {15, 17, 21, 23};
    int[] buyOn = {29, 35, 42, 50}; // Feb 3, 9, 16, 24
    for (int i = 0; i < janesFriends.length; i++) {
      Friend f = friend(janesFriends[i]);
      Fate fate = Fate.buys(buyOn[i] - referredOn[i], amount(35, 120));
      at(day(referredOn[i], 10), () -> refer(jane, f, "email-share", fate));
    }
    // Mia recommends Lena too, a day after Jane did: the first referrer keeps the lead.
    at(day(16, 13), () -> refer(mia, Friend.named("Lena Fischer"), "link", randomFate()));
    at(day(16, 13), () -> refer(mia, friend("Zoe Lang"), "link", randomFate()));
    // In March, Jane's fifth friend earns her a gift card on top of the credit.
    Friend kai = friend("Kai Schmidt");
    at(day(56, 10), () -> refer(jane, kai, "email-share", Fate.buys(8, amount(35, 120))));

    // Someone mistypes the partner's code.
    at(day(36, 18), () -> refer(null, friend("Rita Klein"), "partner-portal", randomFate()));
  }

  // Behaviour: how customers, friends and the sales team react.

  /** Recipients read their mail: customers may recommend the shop, sales calls new leads. */
  private void read(Notification n) {
    FollowUpKind kind = n.kind();
    if (kind.equals(FollowUpKind.ASK_FOR_REFERRALS)) {
      String who = name(n.recipient().referrerId());
      if (!scripted.contains(who) && random.nextDouble() < 0.7) {
        Friend f = randomFriend();
        Fate fate = randomFate();
        String source = randomSource();
        at(later(1 + random.nextInt(5), 9 + random.nextInt(10)), () -> refer(who, f, source, fate));
      }
    } else if (kind.equals(FollowUpKind.CONTACT_LEAD)) {
      LeadId lead = n.recipient().leadId().orElseThrow();
      at(later(1, 10), () -> move(lead, LeadStatus.CONTACTED, "sales calls %s"));
    } else if (kind.equals(FollowUpKind.NURTURE_LEAD) && "2".equals(n.data().get("nurture"))) {
      LeadId lead = n.recipient().leadId().orElseThrow();
      if (fates.get(lead).losesInterest()) {
        at(
            later(1, 15),
            () -> move(lead, LeadStatus.LOST, "%s is not interested, sales closes the lead"));
      }
    }
  }

  /** A customer's first order: the shop enrols every customer as a referrer, then surveys them. */
  private void firstOrder(Instant when, String name, Integer score, boolean consent) {
    Friend person = friend(name);
    Money amount = amount(25, 90);
    int survey = score != null ? score : 5 + random.nextInt(6);
    at(
        when,
        () -> {
          Customer customer = shop.register(person.name(), person.email(), clock.instant());
          placeOrder(customer, amount);
          Referrer r = enrol(customer, consent);
          at(later(3, 11), () -> answerSurvey(r.id(), survey));
        });
  }

  private Referrer enrol(Customer customer, boolean consent) {
    Referrer r =
        program.enrol(
            Enrolment.customer(customer.name())
                .email(customer.email())
                .customerRef(customer.id())
                .consentToContact(consent)
                .build());
    referrers.put(r.id(), r);
    timeline.detail(
        "enrolled as referrer "
            + r.id()
            + ", code "
            + r.primaryCode()
            + (consent ? "" : ", no consent to be contacted"));
    return r;
  }

  private void enrolPartner() {
    timeline.at(PARTNER + ", a yoga studio next door, joins as a partner");
    Referrer r =
        program.enrol(
            Enrolment.partner(PARTNER)
                .email("hello@greenleaf.example")
                .consentToContact(true)
                .vanityCode("ZENTEA")
                .build());
    referrers.put(r.id(), r);
    timeline.detail("enrolled as referrer " + r.id() + ", code " + r.primaryCode());
  }

  private Referrer referrer(String name) {
    return referrers.values().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private void sendToPartner(String note) {
    timeline.at("the shop sends a customer to " + PARTNER + ": " + note);
    program.recordOutboundReferral(referrer(PARTNER).id(), note);
  }

  private void answerSurvey(ReferrerId id, int score) {
    timeline.at(name(id) + " answers the satisfaction survey: " + score + "/10");
    program.recordSatisfaction(id, score);
  }

  /** {@code by} (a referrer's name, or null for a mistyped code) refers {@code friend}. */
  private void refer(String by, Friend friend, String source, Fate fate) {
    String code = by == null ? "ZENTAE" : referrer(by).primaryCode().value();
    timeline.at(
        by == null
            ? friend.name() + " types the partner's code as " + code + " via " + source
            : by + " refers " + friend.name() + " with code " + code + " via " + source);
    referring = friend;
    Lead lead = program.refer(ReferralRequest.of(code, friend.prospect()).from(source));
    referring = null;
    leads.add(lead.id());
    friends.put(lead.id(), friend);
    fates.put(lead.id(), fate);
    if (lead.status() == LeadStatus.REFERRED && fate.buyAfterDays() > 0) {
      at(later(fate.buyAfterDays(), 14), () -> buy(lead.id()));
    }
  }

  private void referSelf(String name) {
    Referrer r = referrer(name);
    Friend self = new Friend(r.name(), r.email().orElseThrow());
    timeline.at(r.name() + " enters his own code and email at checkout");
    Lead lead =
        program.refer(
            ReferralRequest.of(r.primaryCode().value(), self.prospect()).from("checkout"));
    leads.add(lead.id());
  }

  private void move(LeadId id, LeadStatus to, String story) {
    Lead lead = program.lead(id);
    if (lead.status().canMoveTo(to)) {
      String text = String.format(Locale.ROOT, story, friends.get(id).name());
      timeline.at(text);
      program.move(id, to, text);
    }
  }

  private void buy(LeadId id) {
    Lead lead = program.lead(id);
    if (!lead.status().isOpen()) {
      return;
    }
    Friend friend = friends.get(id);
    Fate fate = fates.get(id);
    Customer customer = shop.register(friend.name(), friend.email(), clock.instant());
    Order order = placeOrder(customer, fate.amount());
    program.convert(id, Purchase.of(order.id(), order.amount(), order.at()));
    for (Reward welcome : program.rewardsFor(id)) {
      if (welcome.beneficiary() == Beneficiary.PROSPECT
          && welcome.status() == RewardStatus.ISSUED) {
        program.redeemReward(welcome.id()); // the welcome discount is used on this order
      }
    }
    Referrer r = enrol(customer, random.nextDouble() < 0.75);
    int score = 5 + random.nextInt(6);
    at(later(3, 11), () -> answerSurvey(r.id(), score));
    if (fate.repeatAfterDays() > 0) {
      at(later(fate.repeatAfterDays(), 14), () -> buyAgain(id, customer));
    }
  }

  private void buyAgain(LeadId id, Customer customer) {
    Order order = placeOrder(customer, amount(40, 150));
    program.convert(id, Purchase.of(order.id(), order.amount(), order.at()));
  }

  private Order placeOrder(Customer customer, Money amount) {
    Order order = shop.placeOrder(customer, amount, clock.instant());
    timeline.at(customer.name() + " places order " + order.id() + " for " + amount);
    return order;
  }

  private void returnOrder(Friend friend) {
    Order order = shop.lastOrder(friend.email()).orElseThrow();
    String refundId = shop.refund(order);
    timeline.at(friend.name() + " returns order " + order.id() + ", refunded in full");
    program.refund(
        Refund.of(refundId, order.id(), order.amount(), clock.instant(), "returned unopened"));
  }

  // Narration: what the library did, told from its events.

  private void narrate(ReferralEvent event) {
    if (event instanceof LeadReferred e) {
      timeline.detail("lead " + e.leadId() + ": REFERRED");
    } else if (event instanceof LeadRejected e) {
      timeline.detail("lead " + e.leadId() + " REJECTED: " + e.rejection());
    } else if (event instanceof LeadMoved e) {
      String line =
          "lead " + e.leadId() + " " + friendName(e.leadId()) + ": " + e.from() + " -> " + e.to();
      if (e.to() == LeadStatus.EXPIRED) {
        timeline.at(line + " (attribution window over)");
      } else {
        timeline.detail(line);
      }
    } else if (event instanceof LeadConverted e) {
      timeline.detail("lead " + e.leadId() + " " + friendName(e.leadId()) + ": CONVERTED");
    } else if (event instanceof RepeatPurchase e) {
      timeline.detail("lead " + e.leadId() + ": repeat purchase");
    } else if (event instanceof OrderRefunded e) {
      timeline.detail(
          "order "
              + e.refund().orderId()
              + " refunded"
              + (e.withinClawback()
                  ? " within the clawback window"
                  : " after the clawback window"));
    } else if (event instanceof RewardGranted e) {
      if (e.status() == RewardStatus.PENDING) {
        held.add(e.rewardId());
      }
      timeline.detail(
          "reward "
              + e.rewardId()
              + " "
              + e.status()
              + ": "
              + describe(e.incentive().describe(), e.value())
              + " for "
              + beneficiary(e.beneficiary(), e.referrerId(), e.leadId().orElse(null))
              + " ("
              + e.reason()
              + ")");
    } else if (event instanceof RewardDenied e) {
      timeline.detail(
          "reward "
              + e.rewardId()
              + " DENIED: "
              + e.incentive().describe()
              + " for "
              + name(e.referrerId())
              + ", over the limit "
              + e.limit());
    } else if (event instanceof RewardIssued e && held.remove(e.rewardId())) {
      timeline.at(
          "reward " + e.rewardId() + " ISSUED to " + name(e.referrerId()) + ": its hold ended");
    } else if (event instanceof RewardRevoked e) {
      timeline.detail("reward " + e.rewardId() + " REVOKED: " + e.reason());
    } else if (event instanceof RewardRedeemed e) {
      timeline.detail("reward " + e.rewardId() + " REDEEMED");
    } else if (event instanceof RewardExpired e) {
      timeline.at("reward " + e.rewardId() + " EXPIRED unused");
    }
  }

  private static String describe(String incentive, Optional<Money> value) {
    return value.isPresent() && !incentive.contains(value.get().toString())
        ? incentive + " (" + value.get() + ")"
        : incentive;
  }

  private String beneficiary(Beneficiary who, ReferrerId referrer, LeadId lead) {
    return who == Beneficiary.REFERRER ? name(referrer) : friendName(lead);
  }

  // The end: the source report and the key outcomes.

  private ShopRun finish() {
    clock.set(END);
    SourceReport report = program.sourceReport(START, END, EUR);
    timeline.print("");
    timeline.print("== Source report " + START + " to " + END + " ==");
    report.toTable().lines().forEach(timeline::print);
    List<Referrer> finalReferrers = referrers.keySet().stream().map(program::referrer).toList();
    List<Lead> finalLeads = leads.stream().map(program::lead).toList();
    List<Reward> rewards =
        finalReferrers.stream().flatMap(r -> program.rewardsOf(r.id()).stream()).toList();
    timeline.print("");
    timeline.print(
        "Shop: " + shop.customerCount() + " customers, " + shop.orderCount() + " orders");
    timeline.print("Leads by status: " + countBy(finalLeads.stream().map(l -> l.status().name())));
    timeline.print("Rewards by status: " + countBy(rewards.stream().map(r -> r.status().name())));
    timeline.print(
        "Rejected referrals: "
            + countBy(
                finalLeads.stream()
                    .flatMap(l -> l.rejection().stream())
                    .map(x -> x.reason().name())));
    List<Notification> sent = notifier.sent();
    timeline.print("Notifications sent: " + countBy(sent.stream().map(n -> n.kind().name())));
    return new ShopRun(seed, timeline.lines(), finalReferrers, finalLeads, rewards, sent, report);
  }

  private static String countBy(Stream<String> names) {
    return names
        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()))
        .toString();
  }

  // Small helpers.

  private void at(Instant when, Runnable action) {
    Instant t = when.isBefore(clock.instant()) ? clock.instant() : when;
    agenda.add(new Task(t, seq++, action));
  }

  private static Instant day(int day, int hour) {
    return START.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
  }

  /** {@code days} from today at {@code hour} o'clock. */
  private Instant later(int days, int hour) {
    return clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(days).plusHours(hour));
  }

  private Money amount(int min, int max) {
    return Money.of(min + random.nextInt(max - min + 1), "EUR");
  }

  private Fate randomFate() {
    double p = random.nextDouble();
    if (p < 0.45) {
      Fate fate = Fate.buys(3 + random.nextInt(25), amount(20, 110));
      return random.nextDouble() < 0.25 ? fate.thenBuysAgainAfter(20 + random.nextInt(20)) : fate;
    }
    return p < 0.7 ? Fate.losingInterest() : new Fate(0, Money.zero(EUR), 0, false);
  }

  private String randomSource() {
    return List.of("email-share", "link", "checkout").get(random.nextInt(3));
  }

  private Friend friend(String name) {
    usedNames.add(name);
    return Friend.named(name);
  }

  private Friend randomFriend() {
    while (true) {
      String name =
          FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()))
              + " "
              + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
      if (usedNames.add(name)) {
        return Friend.named(name);
      }
    }
  }

  private String name(ReferrerId id) {
    return referrers.get(id).name();
  }

  private String friendName(LeadId id) {
    Friend f = friends.get(id);
    return f != null ? f.name() : referring.name(); // during the referral itself
  }
}
