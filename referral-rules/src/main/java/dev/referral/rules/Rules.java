package dev.referral.rules;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.PolicyContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The Java DSL for rules: statically import its methods and write the terms as they read.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builder("spring programme")
 *     .rule(rule("third referral bonus")
 *         .on(LEAD_CONVERTED)
 *         .when(referrer().lifetimeConversions().isEqualTo(3))
 *         .grantReferrer(giftCard(Money.of(25, "EUR"))))
 *     .rule(rule("partner commission")
 *         .on(LEAD_CONVERTED, REPEAT_PURCHASE)
 *         .when(referrer().kind().isEqualTo(PARTNER)
 *             .and(order().amount().isGreaterThan(Money.of(200, "EUR"))))
 *         .grantReferrer(commission("10")).heldFor(Duration.ofDays(30)))
 *     .build();
 * }</pre>
 *
 * Every method builds the immutable {@link Condition}, {@link Action} and {@link Rule} records that
 * rule files produce too. The builders are not thread-safe; what they build is.
 */
public final class Rules {
  private Rules() {}

  /** Starts a rule named {@code name}. */
  public static RuleBuilder rule(String name) {
    return new RuleBuilder(name);
  }

  /** Facts of the event: type, time, date, day of the week. */
  public static EventFacts event() {
    return EventFacts.INSTANCE;
  }

  /** Facts of the order of a conversion or repeat purchase. */
  public static OrderFacts order() {
    return OrderFacts.INSTANCE;
  }

  /** Facts of the event's referrer and their track record. */
  public static ReferrerFacts referrer() {
    return ReferrerFacts.INSTANCE;
  }

  /** Facts of the event's lead. */
  public static LeadFacts lead() {
    return LeadFacts.INSTANCE;
  }

  /** Facts of the lead's prospect. */
  public static ProspectFacts prospect() {
    return ProspectFacts.INSTANCE;
  }

  /** Holds when every one of {@code conditions} holds. */
  public static Condition allOf(Condition... conditions) {
    return new Condition.All(List.of(Objects.requireNonNull(conditions, "conditions")));
  }

  /** Holds when at least one of {@code conditions} holds. */
  public static Condition anyOf(Condition... conditions) {
    return new Condition.Any(List.of(Objects.requireNonNull(conditions, "conditions")));
  }

  /** Holds when {@code condition} does not. */
  public static Condition not(Condition condition) {
    return new Condition.Not(condition);
  }

  /** Always holds. */
  public static Condition always() {
    return Condition.always();
  }

  /**
   * A condition written as a lambda, shown in traces as {@code description}. Such a rule set cannot
   * be written to a rule file.
   */
  public static Condition condition(
      String description, BiPredicate<ReferralEvent, PolicyContext> test) {
    return new Condition.Custom(description, test);
  }

  /** Builds a {@link Rule}. Each setting may be given once. Not thread-safe. */
  public static final class RuleBuilder {
    private final String name;
    private int priority = Rule.DEFAULT_PRIORITY;
    private boolean prioritySet;
    private @Nullable Set<EventType> on;
    private @Nullable Condition when;
    private final List<Action> then = new ArrayList<>();

    private RuleBuilder(String name) {
      this.name = Checks.text(name, "name", 200);
    }

    /** Rules with a higher priority run first; {@value Rule#DEFAULT_PRIORITY} by default. */
    public RuleBuilder priority(int priority) {
      Checks.state(!prioritySet, "priority was already set to " + this.priority);
      this.priority = priority;
      this.prioritySet = true;
      return this;
    }

    /** The event types the rule applies to. */
    public RuleBuilder on(EventType type, EventType... more) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(more, "more");
      Checks.state(on == null, "on was already set to " + on);
      EnumSet<EventType> types = EnumSet.of(type, more);
      this.on = types;
      return this;
    }

    /** The condition; {@link Rules#always()} if not set. */
    public RuleBuilder when(Condition condition) {
      Objects.requireNonNull(condition, "condition");
      Checks.state(when == null, "when was already set to " + when);
      this.when = condition;
      return this;
    }

    /** Adds an action. */
    public RuleBuilder then(Action action) {
      then.add(Objects.requireNonNull(action, "action"));
      return this;
    }

    /** Grants {@code incentive} to the referrer. */
    public RuleBuilder grantReferrer(Incentive incentive) {
      return then(Action.Grant.of(Beneficiary.REFERRER, incentive));
    }

    /** Grants {@code incentive} to the referred prospect. */
    public RuleBuilder grantProspect(Incentive incentive) {
      return then(Action.Grant.of(Beneficiary.PROSPECT, incentive));
    }

    /** Holds the last grant for {@code hold} (a return window) before it is issued. */
    public RuleBuilder heldFor(Duration hold) {
      Objects.requireNonNull(hold, "hold");
      return replaceLast(lastGrant("heldFor").heldFor(hold));
    }

    /** The last grant needs an operator's approval before it is issued. */
    public RuleBuilder requiringApproval() {
      return replaceLast(lastGrant("requiringApproval").withApproval());
    }

    /** The last grant expires {@code after} it is granted. */
    public RuleBuilder expiringAfter(Duration after) {
      Objects.requireNonNull(after, "after");
      return replaceLast(lastGrant("expiringAfter").expiringAfter(after));
    }

    /** Schedules a follow-up of {@code kind} to {@code to}, due {@code after} the decision. */
    public RuleBuilder followUp(FollowUpKind kind, Audience to, Duration after) {
      return then(Action.FollowUp.of(kind, to, after));
    }

    /** Sends the last follow-up through {@code channel}. */
    public RuleBuilder via(Channel channel) {
      Objects.requireNonNull(channel, "channel");
      return replaceLast(lastFollowUp("via").via(channel));
    }

    /** Adds {@code data} to the last follow-up's message. */
    public RuleBuilder withData(Map<String, String> data) {
      Objects.requireNonNull(data, "data");
      return replaceLast(lastFollowUp("withData").withData(data));
    }

    /** Cancels the lead's pending follow-ups of {@code kinds} (every kind if none given). */
    public RuleBuilder cancelLeadFollowUps(FollowUpKind... kinds) {
      return then(
          new Action.Cancel(
              CancelFollowUps.Scope.LEAD, Set.of(Objects.requireNonNull(kinds, "kinds"))));
    }

    /** Cancels the referrer's pending follow-ups of {@code kinds} (every kind if none given). */
    public RuleBuilder cancelReferrerFollowUps(FollowUpKind... kinds) {
      return then(
          new Action.Cancel(
              CancelFollowUps.Scope.REFERRER, Set.of(Objects.requireNonNull(kinds, "kinds"))));
    }

    /**
     * The rule.
     *
     * @throws IllegalStateException if {@link #on} or every action is missing
     */
    public Rule build() {
      Checks.state(on != null, "rule '" + name + "' needs on(...): the event types it applies to");
      Checks.state(!then.isEmpty(), "rule '" + name + "' needs at least one action");
      return new Rule(
          name,
          priority,
          Objects.requireNonNull(on),
          when == null ? Condition.always() : when,
          then,
          Optional.empty());
    }

    private Action.Grant lastGrant(String method) {
      if (!then.isEmpty() && then.get(then.size() - 1) instanceof Action.Grant grant) {
        return grant;
      }
      throw new IllegalStateException(method + " must follow grantReferrer or grantProspect");
    }

    private Action.FollowUp lastFollowUp(String method) {
      if (!then.isEmpty() && then.get(then.size() - 1) instanceof Action.FollowUp followUp) {
        return followUp;
      }
      throw new IllegalStateException(method + " must follow followUp");
    }

    private RuleBuilder replaceLast(Action action) {
      then.set(then.size() - 1, action);
      return this;
    }
  }

  // Typed fact handles

  /** A fact of whole numbers. */
  public static final class NumberFact {
    private final Fact fact;

    NumberFact(Fact fact) {
      this.fact = fact;
    }

    /** The fact equals {@code value}. */
    public Condition isEqualTo(long value) {
      return compare(fact, Operator.EQUAL, value);
    }

    /** The fact differs from {@code value}. */
    public Condition isNotEqualTo(long value) {
      return compare(fact, Operator.NOT_EQUAL, value);
    }

    /** The fact is below {@code value}. */
    public Condition isLessThan(long value) {
      return compare(fact, Operator.LESS, value);
    }

    /** The fact is at most {@code value}. */
    public Condition isAtMost(long value) {
      return compare(fact, Operator.LESS_OR_EQUAL, value);
    }

    /** The fact is above {@code value}. */
    public Condition isGreaterThan(long value) {
      return compare(fact, Operator.GREATER, value);
    }

    /** The fact is at least {@code value}. */
    public Condition isAtLeast(long value) {
      return compare(fact, Operator.GREATER_OR_EQUAL, value);
    }

    /** The fact is between {@code from} and {@code to}, both included. */
    public Condition isBetween(long from, long to) {
      return compare(fact, Operator.BETWEEN, from, to);
    }

    /** The fact is one of {@code values}. */
    public Condition isIn(long... values) {
      return compare(fact, Operator.IN, boxed(values));
    }

    /** The fact is none of {@code values}. */
    public Condition isNotIn(long... values) {
      return compare(fact, Operator.NOT_IN, boxed(values));
    }

    private static Object[] boxed(long[] values) {
      Objects.requireNonNull(values, "values");
      return Arrays.stream(values).boxed().toArray();
    }
  }

  /**
   * A fact compared by equality: enum constants, texts, and the ordered facts.
   *
   * @param <T> the value type
   */
  public static class ValueFact<T> {
    final Fact fact;

    ValueFact(Fact fact) {
      this.fact = fact;
    }

    /** The fact equals {@code value}. */
    public final Condition isEqualTo(T value) {
      return compare(fact, Operator.EQUAL, value);
    }

    /** The fact differs from {@code value}. */
    public final Condition isNotEqualTo(T value) {
      return compare(fact, Operator.NOT_EQUAL, value);
    }

    /** The fact is one of {@code values}. */
    @SafeVarargs
    public final Condition isIn(T... values) {
      List<Object> list = new ArrayList<>();
      for (T value : Objects.requireNonNull(values, "values")) {
        list.add(value);
      }
      return compare(fact, Operator.IN, list);
    }

    /** The fact is none of {@code values}. */
    @SafeVarargs
    public final Condition isNotIn(T... values) {
      List<Object> list = new ArrayList<>();
      for (T value : Objects.requireNonNull(values, "values")) {
        list.add(value);
      }
      return compare(fact, Operator.NOT_IN, list);
    }
  }

  /**
   * A fact of ordered values: money, durations, dates, instants.
   *
   * @param <T> the value type
   */
  public static final class OrderedFact<T> extends ValueFact<T> {
    OrderedFact(Fact fact) {
      super(fact);
    }

    /** The fact is below {@code value}. */
    public Condition isLessThan(T value) {
      return compare(fact, Operator.LESS, value);
    }

    /** The fact is at most {@code value}. */
    public Condition isAtMost(T value) {
      return compare(fact, Operator.LESS_OR_EQUAL, value);
    }

    /** The fact is above {@code value}. */
    public Condition isGreaterThan(T value) {
      return compare(fact, Operator.GREATER, value);
    }

    /** The fact is at least {@code value}. */
    public Condition isAtLeast(T value) {
      return compare(fact, Operator.GREATER_OR_EQUAL, value);
    }

    /** The fact is between {@code from} and {@code to}, both included. */
    public Condition isBetween(T from, T to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return compare(fact, Operator.BETWEEN, from, to);
    }
  }

  /** A fact of texts. */
  public static final class TextFact extends ValueFact<String> {
    TextFact(Fact fact) {
      super(fact);
    }

    /** The text contains {@code text}. */
    public Condition contains(String text) {
      return compare(fact, Operator.CONTAINS, Objects.requireNonNull(text, "text"));
    }
  }

  /** A fact that is a set of texts (categories, skus). */
  public static final class SetFact {
    private final Fact fact;

    SetFact(Fact fact) {
      this.fact = fact;
    }

    /** The set holds {@code value}. */
    public Condition contains(String value) {
      return compare(fact, Operator.CONTAINS, value);
    }

    /** The set holds at least one of {@code values}. */
    public Condition containsAnyOf(String... values) {
      return compare(fact, Operator.IN, (Object[]) values);
    }

    /** The set holds none of {@code values}. */
    public Condition containsNoneOf(String... values) {
      return compare(fact, Operator.NOT_IN, (Object[]) values);
    }
  }

  private static Condition compare(Fact fact, Operator operator, @Nullable Object... values) {
    Objects.requireNonNull(values, "values");
    return compare(fact, operator, Arrays.asList(values));
  }

  private static Condition compare(Fact fact, Operator operator, List<?> values) {
    List<Object> list = new ArrayList<>(values.size());
    for (Object value : values) {
      list.add(Objects.requireNonNull(value, "value"));
    }
    return new Condition.Compare(fact, operator, list);
  }

  // Fact groups

  /** Facts of the event. */
  public static final class EventFacts {
    static final EventFacts INSTANCE = new EventFacts();

    private EventFacts() {}

    /** The event's type. */
    public ValueFact<EventType> type() {
      return new ValueFact<>(Fact.EVENT_TYPE);
    }

    /** When the event happened; e.g. a campaign's start and end. */
    public OrderedFact<Instant> time() {
      return new OrderedFact<>(Fact.EVENT_TIME);
    }

    /** The event's date in the context's zone. */
    public OrderedFact<LocalDate> date() {
      return new OrderedFact<>(Fact.EVENT_DATE);
    }

    /** The event's day of the week in the context's zone. */
    public ValueFact<DayOfWeek> dayOfWeek() {
      return new ValueFact<>(Fact.EVENT_DAY_OF_WEEK);
    }
  }

  /** Facts of the order of a conversion or a repeat purchase; absent on other events. */
  public static final class OrderFacts {
    static final OrderFacts INSTANCE = new OrderFacts();

    private OrderFacts() {}

    /** The order amount; an order in another currency never matches. */
    public OrderedFact<Money> amount() {
      return new OrderedFact<>(Fact.ORDER_AMOUNT);
    }

    /** The ISO code of the order's currency. */
    public TextFact currency() {
      return new TextFact(Fact.ORDER_CURRENCY);
    }

    /** The order is the lead's first (a conversion, not a repeat purchase). */
    public Condition isFirstOrder() {
      return compare(Fact.ORDER_FIRST, Operator.EQUAL, true);
    }

    /** The order's product categories. */
    public SetFact categories() {
      return new SetFact(Fact.ORDER_CATEGORIES);
    }

    /** The order's stock-keeping units. */
    public SetFact skus() {
      return new SetFact(Fact.ORDER_SKUS);
    }
  }

  /** Facts of the referrer and their counts (counts include the event being decided on). */
  public static final class ReferrerFacts {
    static final ReferrerFacts INSTANCE = new ReferrerFacts();

    private ReferrerFacts() {}

    /** Customer, partner or contact. */
    public ValueFact<ReferrerKind> kind() {
      return new ValueFact<>(Fact.REFERRER_KIND);
    }

    /** Active, paused or blocked. */
    public ValueFact<ReferrerStatus> status() {
      return new ValueFact<>(Fact.REFERRER_STATUS);
    }

    /** Conversions this calendar month. */
    public NumberFact conversionsThisMonth() {
      return new NumberFact(Fact.REFERRER_CONVERSIONS_THIS_MONTH);
    }

    /** Conversions this calendar year. */
    public NumberFact conversionsThisYear() {
      return new NumberFact(Fact.REFERRER_CONVERSIONS_THIS_YEAR);
    }

    /** Conversions ever. */
    public NumberFact lifetimeConversions() {
      return new NumberFact(Fact.REFERRER_LIFETIME_CONVERSIONS);
    }

    /** On a conversion, which of the referrer's conversions it is (1 for the first). */
    public NumberFact nthConversion() {
      return new NumberFact(Fact.REFERRER_NTH_CONVERSION);
    }

    /** Rewards granted to the referrer this month. */
    public NumberFact rewardsThisMonth() {
      return new NumberFact(Fact.REFERRER_REWARDS_THIS_MONTH);
    }

    /** Rewards granted to the referrer this year. */
    public NumberFact rewardsThisYear() {
      return new NumberFact(Fact.REFERRER_REWARDS_THIS_YEAR);
    }

    /** Rewards granted to the referrer ever. */
    public NumberFact lifetimeRewards() {
      return new NumberFact(Fact.REFERRER_LIFETIME_REWARDS);
    }

    /** Money granted to the referrer this month, in the compared value's currency. */
    public OrderedFact<Money> rewardedAmountThisMonth() {
      return new OrderedFact<>(Fact.REFERRER_REWARDED_AMOUNT_THIS_MONTH);
    }

    /** Money granted to the referrer this year, in the compared value's currency. */
    public OrderedFact<Money> rewardedAmountThisYear() {
      return new OrderedFact<>(Fact.REFERRER_REWARDED_AMOUNT_THIS_YEAR);
    }

    /** Money granted to the referrer ever, in the compared value's currency. */
    public OrderedFact<Money> lifetimeRewardedAmount() {
      return new OrderedFact<>(Fact.REFERRER_LIFETIME_REWARDED_AMOUNT);
    }
  }

  /** Facts of the event's lead; absent on events without a lead. */
  public static final class LeadFacts {
    static final LeadFacts INSTANCE = new LeadFacts();

    private LeadFacts() {}

    /** Where the lead came from. */
    public TextFact source() {
      return new TextFact(Fact.LEAD_SOURCE);
    }

    /** How long before the event the lead was referred. */
    public OrderedFact<Duration> age() {
      return new OrderedFact<>(Fact.LEAD_AGE);
    }

    /** The lead's status after the event. */
    public ValueFact<LeadStatus> status() {
      return new ValueFact<>(Fact.LEAD_STATUS);
    }
  }

  /** Facts of the lead's prospect. */
  public static final class ProspectFacts {
    static final ProspectFacts INSTANCE = new ProspectFacts();

    private ProspectFacts() {}

    /** The prospect had no customer account when referred. */
    public Condition isNewCustomer() {
      return compare(Fact.PROSPECT_NEW_CUSTOMER, Operator.EQUAL, true);
    }
  }
}
