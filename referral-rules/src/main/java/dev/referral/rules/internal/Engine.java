package dev.referral.rules.internal;

import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.rules.Evaluation;
import dev.referral.rules.Evaluation.ConditionTrace;
import dev.referral.rules.Evaluation.Outcome;
import dev.referral.rules.Evaluation.RuleTrace;
import dev.referral.rules.Evaluation.Verdict;
import dev.referral.rules.Rule;
import dev.referral.rules.RuleGroup;
import dev.referral.rules.RuleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A rule set compiled once: rules in their total order, and per event type (by ordinal) the rules
 * that apply to it, so that an evaluation costs in proportion to those rules only. Immutable and
 * thread-safe.
 */
public final class Engine {
  private static final List<Decision> NONE = List.of();

  /** Decisions the buffer holds before it grows: more than most events get. */
  private static final int INITIAL_BUFFER = 8;

  private final RuleSet ruleSet;
  private final CompiledRule[] ordered;
  private final CompiledRule[][] byType;
  private final int firstMatchGroups;

  private Engine(RuleSet ruleSet) {
    this.ruleSet = ruleSet;
    List<String> firstMatch = new ArrayList<>();
    for (RuleGroup group : ruleSet.groups()) {
      if (group.mode() == RuleGroup.Mode.FIRST_MATCH) {
        firstMatch.add(group.name());
      }
    }
    this.firstMatchGroups = firstMatch.size();
    List<Rule> rules = new ArrayList<>(ruleSet.rules());
    // A stable sort: equal priorities keep their declaration order.
    rules.sort(Comparator.comparingInt(Rule::priority).reversed());
    this.ordered = new CompiledRule[rules.size()];
    for (int i = 0; i < ordered.length; i++) {
      Rule rule = rules.get(i);
      ordered[i] = new CompiledRule(rule, rule.group().map(firstMatch::indexOf).orElse(-1));
    }
    EventType[] types = EventType.values();
    this.byType = new CompiledRule[types.length][];
    for (EventType type : types) {
      List<CompiledRule> applicable = new ArrayList<>();
      for (CompiledRule rule : ordered) {
        if (rule.appliesTo(type)) {
          applicable.add(rule);
        }
      }
      byType[type.ordinal()] = applicable.toArray(new CompiledRule[0]);
    }
  }

  /** Compiles {@code ruleSet}. */
  public static Engine compile(RuleSet ruleSet) {
    return new Engine(ruleSet);
  }

  /** The compiled rule set. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /**
   * The decisions on {@code event}. Allocates nothing when no rule fires or one rule without
   * follow-ups fires.
   *
   * @throws PolicyEvaluationException if a rule threw, with the other rules' decisions
   */
  public List<Decision> decide(ReferralEvent event, PolicyContext context) {
    int typeIndex = event.type().ordinal();
    CompiledRule[] rules = byType[typeIndex];
    List<Decision> single = null;
    Decision[] buffer = null;
    int size = 0;
    long fired = 0;
    boolean @Nullable [] firedMore = null;
    List<String> failed = null;
    Throwable failure = null;
    for (CompiledRule rule : rules) {
      int group = rule.firstMatchGroup;
      if (group >= 0) {
        if (group < 64 ? (fired & (1L << group)) != 0 : firedMore != null && firedMore[group]) {
          continue;
        }
      }
      List<Decision> made;
      try {
        if (!rule.condition.test(event, context)) {
          continue;
        }
        made = rule.decisions(context);
      } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
        // checked ones too (a lambda condition can sneak them through), and a rule's own errors
        if (failure == null) {
          failure = e;
          failed = new ArrayList<>(2);
        } else {
          failure.addSuppressed(e);
        }
        failed.add(rule.name());
        continue;
      }
      if (group >= 0) {
        if (group < 64) {
          fired |= 1L << group;
        } else {
          if (firedMore == null) {
            firedMore = new boolean[firstMatchGroups];
          }
          firedMore[group] = true;
        }
      }
      if (single == null && buffer == null) {
        single = made;
      } else {
        if (buffer == null) {
          // Sized for the rules that fired, not for all that apply: with many rules on one
          // type, an array for all of them cost kilobytes per event.
          buffer = new Decision[Math.max(INITIAL_BUFFER, single.size() + made.size())];
          size = copy(single, buffer, 0);
          single = null;
        } else if (size + made.size() > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, size + made.size()));
        }
        size = copy(made, buffer, size);
      }
      if (ruleSet.stopOnFirstMatch()) {
        break;
      }
    }
    List<Decision> decisions =
        buffer != null ? new DecisionList(buffer, size) : single != null ? single : NONE;
    if (failure != null) {
      throw new PolicyEvaluationException(String.join(", ", failed), decisions, failure);
    }
    return decisions;
  }

  private static int copy(@Nullable List<Decision> from, Decision[] to, int at) {
    if (from == null) {
      return at;
    }
    for (int i = 0, n = from.size(); i < n; i++) {
      to[at++] = from.get(i);
    }
    return at;
  }

  /** Evaluates {@code event} like {@link #decide}, recording why each rule did or did not fire. */
  public Evaluation explain(ReferralEvent event, PolicyContext context) {
    EventType type = event.type();
    List<RuleTrace> traces = new ArrayList<>(ordered.length);
    List<Decision> decisions = new ArrayList<>();
    String[] groupWinner = new String[firstMatchGroups];
    String stoppedBy = null;
    List<String> failed = new ArrayList<>();
    Throwable failure = null;
    for (CompiledRule rule : ordered) {
      Rule r = rule.rule;
      if (!rule.appliesTo(type)) {
        traces.add(
            trace(r, Outcome.NOT_APPLICABLE, "applies to " + sorted(r) + ", not " + type, null));
        continue;
      }
      if (stoppedBy != null) {
        traces.add(
            trace(
                r,
                Outcome.SKIPPED,
                "rule '" + stoppedBy + "' fired first and the set stops on the first match",
                null));
        continue;
      }
      int group = rule.firstMatchGroup;
      if (group >= 0 && groupWinner[group] != null) {
        traces.add(
            trace(
                r,
                Outcome.SKIPPED,
                "first-match group '"
                    + r.group().orElseThrow()
                    + "' already matched rule '"
                    + groupWinner[group]
                    + "'",
                null));
        continue;
      }
      ConditionTrace condition;
      List<Decision> made;
      try {
        condition = rule.condition.trace(event, context);
        if (condition.verdict() != Verdict.TRUE) {
          traces.add(trace(r, Outcome.NOT_MATCHED, "condition did not hold", condition));
          continue;
        }
        made = rule.decisions(context);
      } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
        // checked ones too (a lambda condition can sneak them through), and a rule's own errors
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
        failed.add(r.name());
        traces.add(trace(r, Outcome.FAILED, "threw " + e, null));
        continue;
      }
      decisions.addAll(made);
      traces.add(
          new RuleTrace(
              r.name(),
              r.priority(),
              r.group(),
              Outcome.FIRED,
              "condition held",
              Optional.of(condition),
              made));
      if (group >= 0) {
        groupWinner[group] = r.name();
      }
      if (ruleSet.stopOnFirstMatch()) {
        stoppedBy = r.name();
      }
    }
    Optional<PolicyEvaluationException> thrown =
        failure == null
            ? Optional.empty()
            : Optional.of(
                new PolicyEvaluationException(String.join(", ", failed), decisions, failure));
    return new Evaluation(ruleSet.name(), event, traces, decisions, thrown);
  }

  private static RuleTrace trace(
      Rule rule, Outcome outcome, String reason, @Nullable ConditionTrace condition) {
    return new RuleTrace(
        rule.name(),
        rule.priority(),
        rule.group(),
        outcome,
        reason,
        Optional.ofNullable(condition),
        List.of());
  }

  private static List<EventType> sorted(Rule rule) {
    return rule.on().stream().sorted().toList();
  }
}
