package dev.referral.rules.internal;

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
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.rules.Action;
import dev.referral.rules.Condition;
import dev.referral.rules.Fact;
import dev.referral.rules.Operator;
import dev.referral.rules.Rule;
import dev.referral.rules.RuleDefinitionException;
import dev.referral.rules.RuleGroup;
import dev.referral.rules.RuleSet;
import dev.referral.rules.internal.JsonTree.Kind;
import dev.referral.rules.internal.JsonTree.Value;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Maps a rule file onto the rule model. Every problem, whether in the JSON or in a value the model
 * rejects, becomes a {@link RuleDefinitionException} at the offending value.
 */
public final class RuleSetReader {
  /** The largest magnitude of amounts and percents: 10^15. */
  private static final int MAX_INTEGER_DIGITS = 15;

  /** The most decimals of amounts and percents. */
  private static final int MAX_DECIMALS = 10;

  private final String source;

  private RuleSetReader(String source) {
    this.source = source;
  }

  /** Reads a rule set from {@code reader}; problems name {@code source}. */
  public static RuleSet read(String source, Reader reader) {
    RuleSetReader r = new RuleSetReader(source);
    return r.ruleSet(JsonTree.parse(source, reader));
  }

  // Structure

  private RuleSet ruleSet(Value root) {
    Obj o = object(root);
    o.optional("$schema", this::text);
    String name = o.required("name", this::text);
    boolean stop = o.optional("stopOnFirstMatch", this::bool).orElse(false);
    List<RuleGroup> groups = o.optional("groups", v -> list(v, this::group)).orElse(List.of());
    List<Rule> rules = o.required("rules", v -> list(v, this::rule));
    o.end();
    Map<String, Value> groupNames = new HashMap<>();
    for (Value g : items(o.value("groups"))) {
      Value n = g.members.get("name");
      if (groupNames.put(text(n), n) != null) {
        throw error(n, "duplicate group name '" + text(n) + "'");
      }
    }
    Set<String> ruleNames = new HashSet<>();
    List<Value> ruleValues = items(o.value("rules"));
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      Value r = ruleValues.get(i);
      if (!ruleNames.add(rule.name())) {
        throw error(r.members.get("name"), "duplicate rule name '" + rule.name() + "'");
      }
      if (rule.group().isPresent() && !groupNames.containsKey(rule.group().get())) {
        throw error(
            r.members.get("group"),
            "unknown group '" + rule.group().get() + "'; declare it in \"groups\"");
      }
    }
    return build(root, () -> new RuleSet(name, stop, groups, rules));
  }

  private List<Value> items(@Nullable Value array) {
    return array == null ? List.of() : array.items;
  }

  private RuleGroup group(Value v) {
    Obj o = object(v);
    String name = o.required("name", this::text);
    RuleGroup.Mode mode = o.required("mode", m -> constant(m, RuleGroup.Mode.class));
    o.end();
    return build(v, () -> new RuleGroup(name, mode));
  }

  private Rule rule(Value v) {
    Obj o = object(v);
    String name = o.required("name", this::text);
    int priority = o.optional("priority", this::intValue).orElse(Rule.DEFAULT_PRIORITY);
    Optional<String> group = o.optional("group", this::text);
    Set<EventType> on = o.required("on", this::eventTypes);
    Condition when = o.optional("when", this::condition).orElse(Condition.always());
    List<Action> then = o.required("then", a -> list(a, this::action));
    o.end();
    return build(v, () -> new Rule(name, priority, on, when, then, group));
  }

  private Set<EventType> eventTypes(Value v) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (Value item : array(v).items) {
      if (!types.add(constant(item, EventType.class))) {
        throw error(item, "duplicate event type " + item.text);
      }
    }
    if (types.isEmpty()) {
      throw error(v, "on must name at least one event type");
    }
    return types;
  }

  // Conditions

  private static final List<String> CONDITION_KEYS = List.of("all", "any", "not", "fact");

  private Condition condition(Value v) {
    Obj o = object(v);
    List<String> present = new ArrayList<>();
    for (String key : CONDITION_KEYS) {
      if (v.members.containsKey(key)) {
        present.add(key);
      }
    }
    if (present.size() != 1) {
      throw error(
          v,
          present.isEmpty()
              ? "a condition needs one of \"all\", \"any\", \"not\" or \"fact\""
              : "a condition has exactly one of " + present + ", not several");
    }
    Condition condition =
        switch (present.get(0)) {
          case "all" -> new Condition.All(o.required("all", a -> list(a, this::condition)));
          case "any" -> new Condition.Any(o.required("any", a -> list(a, this::condition)));
          case "not" -> new Condition.Not(o.required("not", this::condition));
          default -> compare(v, o);
        };
    o.end();
    return condition;
  }

  private Condition compare(Value v, Obj o) {
    Value factValue = o.value("fact");
    Fact fact =
        Fact.ofJsonName(o.required("fact", this::text))
            .orElseThrow(
                () ->
                    error(
                        factValue,
                        "unknown fact '"
                            + factValue.text
                            + "'; expected one of "
                            + names(Fact.values(), Fact::jsonName)));
    Value opValue = o.value("op");
    Operator op =
        Operator.ofJsonName(o.required("op", this::text))
            .orElseThrow(
                () ->
                    error(
                        opValue,
                        "unknown operator '"
                            + opValue.text
                            + "'; expected one of "
                            + names(Operator.values(), Operator::jsonName)));
    if (!fact.type().operators().contains(op)) {
      throw error(
          opValue,
          "operator "
              + op.jsonName()
              + " does not apply to "
              + fact.jsonName()
              + "; it accepts "
              + names(fact.type().operators().toArray(new Operator[0]), Operator::jsonName));
    }
    List<Object> values;
    if (op.arity() == Operator.Arity.ONE) {
      Object value = o.required("value", x -> value(x, fact.type()));
      values = List.of(value);
    } else {
      values = o.required("values", a -> list(a, x -> value(x, fact.type())));
      Value array = o.value("values");
      if (op.arity() == Operator.Arity.TWO && values.size() != 2) {
        throw error(array, op.jsonName() + " needs 2 values but got " + values.size());
      }
      if (values.isEmpty()) {
        throw error(array, op.jsonName() + " needs at least 1 value");
      }
    }
    return build(v, () -> new Condition.Compare(fact, op, values));
  }

  private Object value(Value v, Fact.Type type) {
    return switch (type) {
      case NUMBER -> longValue(v);
      case MONEY -> money(v);
      case TEXT, TEXT_SET -> nonEmptyText(v);
      case FLAG -> bool(v);
      case DURATION -> duration(v);
      case DATE -> parsed(v, LocalDate::parse, "an ISO-8601 date such as 2025-03-01");
      case INSTANT -> parsed(v, Instant::parse, "an ISO-8601 instant such as 2025-03-01T00:00:00Z");
      case EVENT_TYPE -> constant(v, EventType.class);
      case REFERRER_KIND -> constant(v, ReferrerKind.class);
      case REFERRER_STATUS -> constant(v, ReferrerStatus.class);
      case LEAD_STATUS -> constant(v, LeadStatus.class);
      case DAY_OF_WEEK -> constant(v, DayOfWeek.class);
    };
  }

  // Actions

  private Action action(Value v) {
    Obj o = object(v);
    String type = o.required("type", this::text);
    Action action =
        switch (type) {
          case "grant" -> {
            Beneficiary to = o.required("to", t -> constant(t, Beneficiary.class));
            Incentive incentive = o.required("incentive", this::incentive);
            Optional<Duration> hold = o.optional("holdFor", this::duration);
            boolean approval = o.optional("requiresApproval", this::bool).orElse(false);
            Optional<Duration> expires = o.optional("expiresAfter", this::duration);
            yield build(v, () -> new Action.Grant(to, incentive, hold, approval, expires));
          }
          case "followUp" -> {
            FollowUpKind kind = o.required("kind", k -> build(k, () -> FollowUpKind.of(text(k))));
            Audience to = o.required("to", t -> constant(t, Audience.class));
            Duration after = o.optional("after", this::duration).orElse(Duration.ZERO);
            Channel channel =
                o.optional("channel", c -> build(c, () -> Channel.of(text(c))))
                    .orElse(Channel.EMAIL);
            Map<String, String> data = o.optional("data", this::strings).orElse(Map.of());
            yield build(v, () -> new Action.FollowUp(kind, to, after, channel, data));
          }
          case "cancelFollowUps" -> {
            CancelFollowUps.Scope scope =
                o.required("scope", s -> constant(s, CancelFollowUps.Scope.class));
            Set<FollowUpKind> kinds =
                o.optional("kinds", k -> new LinkedHashSet<>(list(k, this::followUpKind)))
                    .orElse(new LinkedHashSet<>());
            yield build(v, () -> new Action.Cancel(scope, kinds));
          }
          default ->
              throw error(
                  o.value("type"),
                  "unknown action type '"
                      + type
                      + "'; expected one of grant, followUp, cancelFollowUps");
        };
    o.end();
    return action;
  }

  private FollowUpKind followUpKind(Value v) {
    return build(v, () -> FollowUpKind.of(text(v)));
  }

  private Map<String, String> strings(Value v) {
    Obj o = object(v);
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : v.members.keySet()) {
      map.put(key, o.required(key, this::text));
    }
    return map;
  }

  private Incentive incentive(Value v) {
    Obj o = object(v);
    String type = o.required("type", this::text);
    Incentive incentive =
        switch (type) {
          case "percentDiscount" -> {
            BigDecimal percent = o.required("percent", this::decimal);
            yield build(v, () -> new Incentive.PercentDiscount(percent));
          }
          case "credit" -> {
            Money amount = o.required("amount", this::money);
            yield build(v, () -> new Incentive.FixedCredit(amount));
          }
          case "giftCard" -> {
            Money amount = o.required("amount", this::money);
            yield build(v, () -> new Incentive.GiftCard(amount));
          }
          case "freeItem" -> {
            String sku = o.required("sku", this::text);
            int quantity = o.required("quantity", this::intValue);
            Optional<Money> unitValue = o.optional("unitValue", this::money);
            yield build(v, () -> new Incentive.FreeItem(sku, quantity, unitValue));
          }
          case "points" -> {
            long points = o.required("points", this::longValue);
            yield build(v, () -> new Incentive.Points(points));
          }
          case "gift" -> {
            String description = o.required("description", this::text);
            Optional<Money> value = o.optional("value", this::money);
            yield build(v, () -> new Incentive.Gift(description, value));
          }
          case "thankYou" -> {
            String message = o.required("message", this::text);
            yield build(v, () -> new Incentive.ThankYouNote(message));
          }
          case "commission" -> {
            BigDecimal percent = o.required("percent", this::decimal);
            yield build(v, () -> new Incentive.PartnerCommission(percent));
          }
          default ->
              throw error(
                  o.value("type"),
                  "unknown incentive type '"
                      + type
                      + "'; expected one of percentDiscount, credit, giftCard, freeItem, points,"
                      + " gift, thankYou, commission");
        };
    o.end();
    return incentive;
  }

  // Values

  private Money money(Value v) {
    Obj o = object(v);
    BigDecimal amount = o.required("amount", this::decimal);
    String code = o.required("currency", this::text);
    o.end();
    Value currencyValue = o.value("currency");
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw error(currencyValue, "not an ISO 4217 currency code: '" + code + "'");
    }
    if (!code.equals(code.toUpperCase(Locale.ROOT))) {
      throw error(currencyValue, "currency codes are upper case: '" + code + "'");
    }
    return build(v, () -> Money.of(amount, currency));
  }

  private BigDecimal decimal(Value v) {
    BigDecimal number = expect(v, Kind.NUMBER).number;
    if (number == null
        || number.scale() > MAX_DECIMALS
        || number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
      throw error(
          v,
          "number out of range: at most "
              + MAX_INTEGER_DIGITS
              + " digits before and "
              + MAX_DECIMALS
              + " after the point");
    }
    return number;
  }

  private long longValue(Value v) {
    BigDecimal number = expect(v, Kind.NUMBER).number;
    if (!v.integral || number == null) {
      throw error(v, "expected a whole number but found " + number);
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw error(v, "whole number out of range: " + number);
    }
  }

  private int intValue(Value v) {
    long value = longValue(v);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw error(v, "whole number out of range: " + value);
    }
    return (int) value;
  }

  private boolean bool(Value v) {
    return expect(v, Kind.BOOLEAN).bool;
  }

  private String text(Value v) {
    String text = expect(v, Kind.STRING).text;
    return text == null ? "" : text;
  }

  private String nonEmptyText(Value v) {
    String text = text(v);
    if (text.isEmpty()) {
      throw error(v, "expected a non-empty string");
    }
    return text;
  }

  private Duration duration(Value v) {
    return parsed(v, Duration::parse, "an ISO-8601 duration such as P30D or PT12H");
  }

  private <T> T parsed(Value v, Function<String, T> parser, String expected) {
    String text = text(v);
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw error(v, "expected " + expected + " but found '" + text + "'");
    }
  }

  private <E extends Enum<E>> E constant(Value v, Class<E> type) {
    String text = text(v);
    return JsonNames.find(type.getEnumConstants(), Enum::name, text)
        .orElseThrow(
            () ->
                error(
                    v,
                    "unknown "
                        + type.getSimpleName()
                        + " '"
                        + text
                        + "'; expected one of "
                        + names(type.getEnumConstants(), Enum::name)));
  }

  private <T> List<T> list(Value v, Function<Value, T> element) {
    List<T> list = new ArrayList<>();
    for (Value item : array(v).items) {
      list.add(element.apply(item));
    }
    return list;
  }

  private Value array(Value v) {
    return expect(v, Kind.ARRAY);
  }

  private Obj object(Value v) {
    return new Obj(expect(v, Kind.OBJECT));
  }

  private Value expect(Value v, Kind kind) {
    if (v.kind != kind) {
      throw error(v, "expected " + kind.article + " but found " + v.kind.article);
    }
    return v;
  }

  /** Builds a model value; a value the model rejects is reported at {@code v}. */
  private <T> T build(Value v, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
      throw error(v, String.valueOf(e.getMessage()));
    }
  }

  private RuleDefinitionException error(Value v, String problem) {
    return new RuleDefinitionException(source, v.pointer, v.line, v.column, problem);
  }

  private static <T> String names(T[] values, Function<T, String> name) {
    return String.join(", ", Arrays.stream(values).map(name).toList());
  }

  /** An object whose keys are consumed; {@link #end()} rejects the keys nobody asked for. */
  private final class Obj {
    private final Value object;
    private final List<String> known = new ArrayList<>();

    Obj(Value object) {
      this.object = object;
    }

    <T> T required(String key, Function<Value, T> reader) {
      known.add(key);
      Value value = object.members.get(key);
      if (value == null) {
        throw error(object, "missing key '" + key + "'");
      }
      return reader.apply(value);
    }

    <T> Optional<T> optional(String key, Function<Value, T> reader) {
      known.add(key);
      Value value = object.members.get(key);
      return value == null ? Optional.empty() : Optional.of(reader.apply(value));
    }

    @Nullable Value value(String key) {
      return object.members.get(key);
    }

    void end() {
      for (Map.Entry<String, Value> member : object.members.entrySet()) {
        if (!known.contains(member.getKey())) {
          throw error(
              member.getValue(),
              "unknown key '"
                  + member.getKey()
                  + "'"
                  + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known)));
        }
      }
    }
  }
}
