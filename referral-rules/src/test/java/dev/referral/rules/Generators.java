package dev.referral.rules;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStats;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.testing.TestData;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of referral events with their contexts, and of whole rule sets. */
final class Generators {
  static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");

  private Generators() {}

  /** An event and the context the program would give with it. */
  record Scenario(ReferralEvent event, PolicyContext context) {
    @Override
    public String toString() {
      return event + " with " + context.referrer().map(Referrer::kind) + ", " + context.stats();
    }
  }

  private record Who(Referrer referrer, Lead lead) {}

  private static Arbitrary<Who> who() {
    return Combinators.combine(
            Arbitraries.of(ReferrerKind.class),
            Arbitraries.of(ReferrerStatus.class),
            Arbitraries.of("link", "spam", "newsletter"),
            Arbitraries.longs().between(0, 365L * 24 * 3600),
            Arbitraries.longs().between(0, 20 * 24),
            Arbitraries.of(LeadStatus.REFERRED, LeadStatus.CONTACTED, LeadStatus.QUALIFIED),
            Arbitraries.of(true, false))
        .as(
            (kind, status, source, second, ageHours, leadStatus, existing) -> {
              Referrer referrer = TestData.referrer("ref-" + kind, kind).withStatus(status);
              Instant at = YEAR_START.plusSeconds(second);
              Lead lead =
                  TestData.lead("lead-1", referrer, source, at.minus(Duration.ofHours(ageHours)));
              if (leadStatus != LeadStatus.REFERRED) {
                lead = lead.moveTo(LeadStatus.CONTACTED, at, "");
              }
              if (leadStatus == LeadStatus.QUALIFIED) {
                lead = lead.moveTo(LeadStatus.QUALIFIED, at, "");
              }
              return new Who(referrer, existing ? TestData.existingCustomer(lead) : lead);
            });
  }

  private static Arbitrary<ReferrerStats> stats() {
    Arbitrary<Long> small = Arbitraries.longs().between(0, 12);
    Arbitrary<LedgerTotals> totals =
        Combinators.combine(
                Arbitraries.longs().between(0, 25),
                Arbitraries.bigDecimals()
                    .between(BigDecimal.ZERO, BigDecimal.valueOf(2000))
                    .ofScale(2),
                Arbitraries.of("EUR", "USD"))
            .as(
                (count, amount, currency) ->
                    new LedgerTotals(
                        count,
                        Map.of(
                            Currency.getInstance(currency),
                            Money.of(amount, Currency.getInstance(currency)))));
    return Combinators.combine(small, small, small, totals, totals, totals).as(ReferrerStats::new);
  }

  private static Arbitrary<Purchase> purchase() {
    return Combinators.combine(
            Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), BigDecimal.valueOf(900))
                .ofScale(2),
            Arbitraries.of("EUR", "EUR", "EUR", "USD"),
            Arbitraries.of("books", "toys", "music").set(),
            Arbitraries.of("KINDLE", "READER", "PEN").set())
        .as(
            (amount, currency, categories, skus) ->
                new Purchase(
                    OrderId.of("order-1"),
                    Money.of(amount, Currency.getInstance(currency)),
                    TestData.NOW,
                    skus,
                    categories));
  }

  /** Conversions, repeat purchases, referrals and moves, with referrer, lead and counts. */
  static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            who(),
            stats(),
            purchase(),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs().between(0, 365L * 24 * 3600))
        .as(
            (who, stats, purchase, kind, second) -> {
              Instant at = YEAR_START.plusSeconds(second);
              Purchase p =
                  new Purchase(
                      purchase.orderId(),
                      purchase.amount(),
                      at,
                      purchase.skus(),
                      purchase.categories());
              ReferralEvent event =
                  switch (kind) {
                    case 0 -> TestData.converted(who.lead(), p);
                    case 1 -> TestData.repeatPurchase(who.lead(), "order-2", p.amount());
                    case 2 -> TestData.referred(who.lead());
                    default -> TestData.moved(who.lead(), LeadStatus.QUALIFIED);
                  };
              PolicyContext context =
                  PolicyContext.builder(at)
                      .referrer(who.referrer())
                      .lead(who.lead())
                      .stats(stats)
                      .build();
              return new Scenario(event, context);
            });
  }

  // Rule sets

  private static Arbitrary<Object> value(Fact.Type type) {
    return switch (type) {
      case NUMBER -> Arbitraries.longs().between(-5, 50).map(v -> v);
      case MONEY ->
          Arbitraries.bigDecimals()
              .between(BigDecimal.ZERO, BigDecimal.valueOf(1000))
              .ofScale(2)
              .map(a -> Money.of(a, Currency.getInstance("EUR")));
      case TEXT, TEXT_SET ->
          Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(v -> v);
      case FLAG -> Arbitraries.of(true, false).map(v -> v);
      case DURATION -> Arbitraries.longs().between(0, 100_000).map(Duration::ofMinutes);
      case DATE -> Arbitraries.longs().between(19_000, 21_000).map(LocalDate::ofEpochDay);
      case INSTANT -> Arbitraries.longs().between(0, 2_000_000_000L).map(Instant::ofEpochSecond);
      case EVENT_TYPE -> Arbitraries.of(EventType.class).map(v -> v);
      case REFERRER_KIND -> Arbitraries.of(ReferrerKind.class).map(v -> v);
      case REFERRER_STATUS -> Arbitraries.of(ReferrerStatus.class).map(v -> v);
      case LEAD_STATUS -> Arbitraries.of(LeadStatus.class).map(v -> v);
      case DAY_OF_WEEK -> Arbitraries.of(DayOfWeek.class).map(v -> v);
    };
  }

  @SuppressWarnings("unchecked") // ordered types are Comparable to themselves
  private static int compare(Object a, Object b) {
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static Arbitrary<Condition> compare() {
    return Arbitraries.of(Fact.class)
        .flatMap(
            fact ->
                Arbitraries.of(fact.type().operators())
                    .flatMap(
                        op -> {
                          Arbitrary<Object> v = value(fact.type());
                          Arbitrary<List<Object>> values =
                              switch (op.arity()) {
                                case ONE -> v.map(List::of);
                                case TWO ->
                                    v.list()
                                        .ofSize(2)
                                        .map(
                                            l -> {
                                              List<Object> sorted = new ArrayList<>(l);
                                              sorted.sort(Generators::compare);
                                              return sorted;
                                            });
                                case MANY -> v.list().ofMinSize(1).ofMaxSize(3);
                              };
                          return values.map(l -> new Condition.Compare(fact, op, l));
                        }));
  }

  static Arbitrary<Condition> conditions(int depth) {
    if (depth == 0) {
      return compare();
    }
    Arbitrary<Condition> part = Arbitraries.lazy(() -> conditions(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, compare()),
        net.jqwik.api.Tuple.of(1, part.list().ofMaxSize(3).map(Condition.All::new)),
        net.jqwik.api.Tuple.of(1, part.list().ofMaxSize(3).map(Condition.Any::new)),
        net.jqwik.api.Tuple.of(1, part.map(Condition.Not::new)));
  }

  private static Arbitrary<Incentive> incentives() {
    Arbitrary<Money> money =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.01"), BigDecimal.valueOf(500))
            .ofScale(2)
            .map(a -> Money.of(a, Currency.getInstance("EUR")));
    Arbitrary<BigDecimal> percent =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("0.5"), BigDecimal.valueOf(100))
            .ofScale(1);
    return Arbitraries.oneOf(
        percent.map(Incentive.PercentDiscount::new),
        money.map(Incentive.FixedCredit::new),
        money.map(Incentive.GiftCard::new),
        money.optional().map(v -> new Incentive.FreeItem("SKU-1", 2, v)),
        Arbitraries.longs().between(1, 1000).map(Incentive.Points::new),
        money.optional().map(v -> new Incentive.Gift("two movie tickets", v)),
        Arbitraries.just(new Incentive.ThankYouNote("Thanks!")),
        percent.map(Incentive.PartnerCommission::new));
  }

  private static Arbitrary<Action> actions() {
    Arbitrary<Optional<Duration>> delay =
        Arbitraries.longs().between(1, 1000).map(Duration::ofHours).optional();
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.of(Beneficiary.class),
                incentives(),
                delay,
                Arbitraries.of(true, false),
                delay)
            .as(Action.Grant::new),
        Combinators.combine(
                Arbitraries.of(FollowUpKind.THANK_YOU, FollowUpKind.of("BIRTHDAY")),
                Arbitraries.of(Audience.class),
                Arbitraries.longs().between(0, 1000).map(Duration::ofMinutes),
                Arbitraries.of(Channel.EMAIL, Channel.SMS),
                Arbitraries.maps(
                        Arbitraries.strings().alpha().ofLength(3),
                        Arbitraries.strings().ofMaxLength(5))
                    .ofMaxSize(2))
            .as(Action.FollowUp::new),
        Combinators.combine(
                Arbitraries.of(CancelFollowUps.Scope.class),
                Arbitraries.of(FollowUpKind.NURTURE_LEAD, FollowUpKind.REMINDER).set())
            .as(Action.Cancel::new));
  }

  /** Rule sets of up to six rules in up to two groups. */
  static Arbitrary<RuleSet> ruleSets() {
    Arbitrary<Rule> rules =
        Combinators.combine(
                Arbitraries.integers().between(-3, 3),
                Arbitraries.of(EventType.class).set().ofMinSize(1).ofMaxSize(3),
                conditions(3),
                actions().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of("", "a", "b"))
            .as(
                (p, on, when, then, group) ->
                    new Rule("r", p, on, when, then, Optional.of(group).filter(g -> !g.isEmpty())));
    return Combinators.combine(
            rules.list().ofMaxSize(6),
            Arbitraries.of(true, false),
            Arbitraries.of(RuleGroup.Mode.class).list().ofSize(2))
        .as(
            (list, stop, modes) -> {
              List<Rule> named = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                Rule r = list.get(i);
                named.add(
                    new Rule("rule " + i, r.priority(), r.on(), r.when(), r.then(), r.group()));
              }
              return new RuleSet(
                  "generated",
                  stop,
                  List.of(new RuleGroup("a", modes.get(0)), new RuleGroup("b", modes.get(1))),
                  named);
            });
  }

  static Set<String> names(List<? extends dev.referral.core.policy.Decision> decisions) {
    return Set.copyOf(decisions.stream().map(dev.referral.core.policy.Decision::reason).toList());
  }
}
