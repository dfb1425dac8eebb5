package dev.referral.rules.internal;

import dev.referral.core.Money;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.Condition;
import dev.referral.rules.Evaluation.ConditionTrace;
import dev.referral.rules.Evaluation.Verdict;
import dev.referral.rules.Fact;
import dev.referral.rules.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A compiled condition. {@link #test} is the fast path: no allocation, no boxing, no parsing.
 * {@link #trace} evaluates the same way and records what it read.
 */
abstract class Node {
  /** Plain facts first, then facts that read the stats, then custom lambdas. */
  static final int PLAIN = 0;

  static final int STATS = 1;
  static final int CUSTOM = 2;

  final String description;
  final int cost;

  Node(String description, int cost) {
    this.description = description;
    this.cost = cost;
  }

  abstract boolean test(ReferralEvent event, PolicyContext context);

  abstract ConditionTrace trace(ReferralEvent event, PolicyContext context);

  /** The trace of this node when an earlier part decided: nothing is read. */
  ConditionTrace notEvaluated() {
    return new ConditionTrace(description, "", Verdict.NOT_EVALUATED, List.of());
  }

  static Verdict verdict(boolean result) {
    return result ? Verdict.TRUE : Verdict.FALSE;
  }

  /** Compiles {@code condition}. */
  static Node compile(Condition condition) {
    if (condition instanceof Condition.All all) {
      return new JunctionNode(all.toString(), compileParts(all.conditions()), false);
    }
    if (condition instanceof Condition.Any any) {
      return new JunctionNode(any.toString(), compileParts(any.conditions()), true);
    }
    if (condition instanceof Condition.Not not) {
      return new NotNode(not.toString(), compile(not.condition()));
    }
    if (condition instanceof Condition.Custom custom) {
      return new CustomNode(custom.toString(), custom.test());
    }
    Condition.Compare compare = (Condition.Compare) condition;
    Fact fact = compare.fact();
    if (FactReader.isLong(fact)) {
      return new LongNode(compare);
    }
    if (fact.type() == Fact.Type.TEXT_SET) {
      return new SetNode(compare);
    }
    return new ObjectNode(compare);
  }

  /** The parts, cheapest first (a stable sort: equal costs keep their order). */
  private static Node[] compileParts(List<Condition> conditions) {
    Node[] parts = new Node[conditions.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = compile(conditions.get(i));
    }
    Arrays.sort(parts, Comparator.comparingInt(n -> n.cost));
    return parts;
  }

  private static int maxCost(Node[] parts) {
    int cost = PLAIN;
    for (Node part : parts) {
      cost = Math.max(cost, part.cost);
    }
    return cost;
  }

  private static int factCost(Fact fact) {
    return fact.readsStats() ? STATS : PLAIN;
  }

  /** {@code all} (stops at the first part that fails) or {@code any} (at the first that holds). */
  static final class JunctionNode extends Node {
    private final Node[] parts;
    private final boolean decisive;

    // decisive: the part result that decides the whole; false for all, true for any.
    JunctionNode(String description, Node[] parts, boolean decisive) {
      super(description, maxCost(parts));
      this.parts = parts;
      this.decisive = decisive;
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      for (Node part : parts) {
        if (part.test(event, context) == decisive) {
          return decisive;
        }
      }
      return !decisive;
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      List<ConditionTrace> traces = new ArrayList<>(parts.length);
      boolean decided = false;
      for (Node part : parts) {
        if (decided) {
          traces.add(part.notEvaluated());
          continue;
        }
        ConditionTrace trace = part.trace(event, context);
        traces.add(trace);
        decided = (trace.verdict() == Verdict.TRUE) == decisive;
      }
      return new ConditionTrace(description, "", verdict(decided == decisive), traces);
    }
  }

  static final class NotNode extends Node {
    private final Node part;

    NotNode(String description, Node part) {
      super(description, part.cost);
      this.part = part;
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      return !part.test(event, context);
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      ConditionTrace trace = part.trace(event, context);
      return new ConditionTrace(
          description, "", verdict(trace.verdict() != Verdict.TRUE), List.of(trace));
    }
  }

  static final class CustomNode extends Node {
    private final BiPredicate<ReferralEvent, PolicyContext> test;

    CustomNode(String description, BiPredicate<ReferralEvent, PolicyContext> test) {
      super(description, CUSTOM);
      this.test = test;
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      return test.test(event, context);
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      boolean result = test.test(event, context);
      return new ConditionTrace(description, String.valueOf(result), verdict(result), List.of());
    }
  }

  /** Numbers, durations (in nanoseconds) and dates (as epoch days). */
  static final class LongNode extends Node {
    private final Fact fact;
    private final Operator op;
    private final long[] operands;

    LongNode(Condition.Compare compare) {
      super(compare.toString(), factCost(compare.fact()));
      this.fact = compare.fact();
      this.op = compare.operator();
      this.operands = compare.values().stream().mapToLong(FactReader::toLong).toArray();
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      return matches(FactReader.readLong(fact, event, context));
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      long value = FactReader.readLong(fact, event, context);
      boolean result = matches(value);
      return new ConditionTrace(
          description, FactReader.formatLong(fact, value), verdict(result), List.of());
    }

    private boolean matches(long value) {
      if (value == FactReader.ABSENT) {
        return false;
      }
      long[] a = operands;
      return switch (op) {
        case EQUAL -> value == a[0];
        case NOT_EQUAL -> value != a[0];
        case LESS -> value < a[0];
        case LESS_OR_EQUAL -> value <= a[0];
        case GREATER -> value > a[0];
        case GREATER_OR_EQUAL -> value >= a[0];
        case BETWEEN -> value >= a[0] && value <= a[1];
        case IN -> indexOf(a, value) >= 0;
        case NOT_IN -> indexOf(a, value) < 0;
        case CONTAINS -> false;
      };
    }

    private static int indexOf(long[] values, long value) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == value) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Texts, flags, instants, enum constants and money amounts. */
  static final class ObjectNode extends Node {
    private final Fact fact;
    private final Operator op;
    private final Object[] operands;
    private final boolean ordered;
    private final @Nullable Currency currency;

    ObjectNode(Condition.Compare compare) {
      super(compare.toString(), factCost(compare.fact()));
      this.fact = compare.fact();
      this.op = compare.operator();
      this.ordered = fact.type().isOrdered();
      if (fact.type() == Fact.Type.MONEY) {
        this.currency = ((Money) compare.value()).currency();
        this.operands = compare.values().stream().map(v -> ((Money) v).amount()).toArray();
      } else {
        this.currency = null;
        this.operands = compare.values().toArray();
      }
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      return matches(FactReader.readObject(fact, event, context, currency));
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      Object value = FactReader.readObject(fact, event, context, currency);
      boolean result = matches(value);
      return new ConditionTrace(
          description,
          FactReader.formatObject(fact, event, value, currency),
          verdict(result),
          List.of());
    }

    private boolean matches(@Nullable Object value) {
      if (value == null) {
        return false;
      }
      Object[] a = operands;
      return switch (op) {
        case EQUAL -> same(value, a[0]);
        case NOT_EQUAL -> !same(value, a[0]);
        case LESS -> compare(value, a[0]) < 0;
        case LESS_OR_EQUAL -> compare(value, a[0]) <= 0;
        case GREATER -> compare(value, a[0]) > 0;
        case GREATER_OR_EQUAL -> compare(value, a[0]) >= 0;
        case BETWEEN -> compare(value, a[0]) >= 0 && compare(value, a[1]) <= 0;
        case IN -> indexOf(value) >= 0;
        case NOT_IN -> indexOf(value) < 0;
        case CONTAINS -> ((String) value).contains((String) a[0]);
      };
    }

    private boolean same(Object value, Object operand) {
      return ordered ? compare(value, operand) == 0 : value.equals(operand);
    }

    private int indexOf(Object value) {
      for (int i = 0; i < operands.length; i++) {
        if (same(value, operands[i])) {
          return i;
        }
      }
      return -1;
    }

    @SuppressWarnings("unchecked") // ordered fact types are Comparable to themselves
    private static int compare(Object value, Object operand) {
      return ((Comparable<Object>) value).compareTo(operand);
    }
  }

  /** Sets of texts: contains one value, holds any of the values, holds none. */
  static final class SetNode extends Node {
    private final Fact fact;
    private final Operator op;
    private final String[] operands;

    SetNode(Condition.Compare compare) {
      super(compare.toString(), factCost(compare.fact()));
      this.fact = compare.fact();
      this.op = compare.operator();
      this.operands = compare.values().stream().map(String.class::cast).toArray(String[]::new);
    }

    @Override
    boolean test(ReferralEvent event, PolicyContext context) {
      return matches(FactReader.readSet(fact, event));
    }

    @Override
    ConditionTrace trace(ReferralEvent event, PolicyContext context) {
      Set<String> value = FactReader.readSet(fact, event);
      boolean result = matches(value);
      return new ConditionTrace(
          description,
          value == null ? "absent" : new java.util.TreeSet<>(value).toString(),
          verdict(result),
          List.of());
    }

    private boolean matches(@Nullable Set<String> value) {
      if (value == null) {
        return false;
      }
      boolean any = false;
      for (String operand : operands) {
        if (value.contains(operand)) {
          any = true;
          break;
        }
      }
      return op == Operator.NOT_IN ? !any : any;
    }
  }
}
