package dev.referral.rules;

import dev.referral.core.Money;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.PolicyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * When a rule fires: a closed family of records, so that a condition built with the {@link Rules}
 * DSL equals the same condition read from a rule file. Only {@link Custom} conditions (plain Java
 * lambdas) cannot be written to a rule file.
 */
public sealed interface Condition
    permits Condition.All, Condition.Any, Condition.Not, Condition.Compare, Condition.Custom {

  /** The condition that always holds: {@code all} of nothing. */
  static Condition always() {
    return All.EMPTY;
  }

  /** This condition and {@code other}. */
  default Condition and(Condition other) {
    return new All(List.of(this, Objects.requireNonNull(other, "other")));
  }

  /** This condition or {@code other}. */
  default Condition or(Condition other) {
    return new Any(List.of(this, Objects.requireNonNull(other, "other")));
  }

  /** The negation of this condition. */
  default Condition negate() {
    return new Not(this);
  }

  /**
   * Holds when every part holds; an empty list always holds.
   *
   * @param conditions the parts, evaluated in order until one fails
   */
  record All(List<Condition> conditions) implements Condition {
    static final All EMPTY = new All(List.of());

    /** Copies the parts. */
    public All {
      conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
    }

    @Override
    public String toString() {
      return conditions.isEmpty() ? "always" : "all of " + conditions;
    }
  }

  /**
   * Holds when at least one part holds; an empty list never holds.
   *
   * @param conditions the parts, evaluated in order until one holds
   */
  record Any(List<Condition> conditions) implements Condition {
    /** Copies the parts. */
    public Any {
      conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
    }

    @Override
    public String toString() {
      return "any of " + conditions;
    }
  }

  /**
   * Holds when {@code condition} does not.
   *
   * @param condition the negated condition
   */
  record Not(Condition condition) implements Condition {
    /** Checks the part. */
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public String toString() {
      return "not " + condition;
    }
  }

  /**
   * Compares a fact with values. The values' class is the fact type's {@link
   * Fact.Type#valueClass()} ({@code Integer}, {@code Short} and {@code Byte} are widened to {@code
   * Long}); their number is the operator's {@link Operator#arity()}. A comparison with an absent
   * fact is false.
   *
   * @param fact what is read
   * @param operator how it is compared
   * @param values what it is compared with
   */
  record Compare(Fact fact, Operator operator, List<Object> values) implements Condition {

    /** Validates the operator and the values against the fact's type. */
    public Compare {
      Objects.requireNonNull(fact, "fact");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(values, "values");
      Fact.Type type = fact.type();
      if (!type.operators().contains(operator)) {
        throw new IllegalArgumentException(
            "operator "
                + operator.jsonName()
                + " does not apply to "
                + fact.jsonName()
                + "; it accepts "
                + jsonNames(type));
      }
      List<Object> copy = new ArrayList<>(values.size());
      for (Object value : values) {
        Objects.requireNonNull(value, "values contains null");
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
          value = ((Number) value).longValue();
        }
        if (!type.valueClass().isInstance(value)) {
          throw new IllegalArgumentException(
              "values of "
                  + fact.jsonName()
                  + " must be "
                  + type.valueClass().getSimpleName()
                  + " but "
                  + value
                  + " is "
                  + value.getClass().getSimpleName());
        }
        if (value instanceof String s) {
          Checks.argument(!s.isEmpty(), "values of " + fact.jsonName() + " must not be empty");
        }
        copy.add(value);
      }
      int n = copy.size();
      switch (operator.arity()) {
        case ONE -> Checks.argument(n == 1, operator.jsonName() + " needs 1 value but got " + n);
        case TWO -> Checks.argument(n == 2, operator.jsonName() + " needs 2 values but got " + n);
        case MANY ->
            Checks.argument(n >= 1, operator.jsonName() + " needs at least 1 value but got 0");
      }
      if (type == Fact.Type.MONEY) {
        Money first = (Money) copy.get(0);
        for (Object value : copy) {
          Checks.argument(
              ((Money) value).currency().equals(first.currency()),
              "values of " + fact.jsonName() + " must share one currency but were " + copy);
        }
      }
      if (operator == Operator.BETWEEN) {
        Checks.argument(
            compareValues(copy.get(0), copy.get(1)) <= 0,
            "between needs the lower bound first but got " + copy);
      }
      values = List.copyOf(copy);
    }

    /** The first value. */
    public Object value() {
      return values.get(0);
    }

    @SuppressWarnings("unchecked") // ordered types are Comparable to themselves
    private static int compareValues(Object a, Object b) {
      return ((Comparable<Object>) a).compareTo(b);
    }

    private static String jsonNames(Fact.Type type) {
      List<String> names = new ArrayList<>();
      for (Operator op : type.operators()) {
        names.add(op.jsonName());
      }
      return String.join(", ", names);
    }

    @Override
    public String toString() {
      return fact.jsonName()
          + " "
          + operator.jsonName()
          + " "
          + (values.size() == 1 ? String.valueOf(values.get(0)) : values.toString());
    }
  }

  /**
   * A condition written as a Java lambda. It cannot be written to a rule file. It must be
   * deterministic and thread-safe, and should read {@code context.stats()} only when needed.
   *
   * @param description what it tests, shown in traces
   * @param test the test
   */
  record Custom(String description, BiPredicate<ReferralEvent, PolicyContext> test)
      implements Condition {

    /** Validates the fields. */
    public Custom {
      description = Checks.text(description, "description", 200);
      Objects.requireNonNull(test, "test");
    }

    @Override
    public String toString() {
      return "custom '" + description + "'";
    }
  }
}
