package dev.referral.rules;

import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.rules.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The explained result of evaluating a rule set on one event: for every rule of the set, in the
 * order the engine considered them, whether it applied and why, with the value and result of each
 * condition, and the decisions made. Made by {@link RuleEngine#explain}; {@link #describe()}
 * renders it as text.
 *
 * @param ruleSet the rule set's name
 * @param event the event
 * @param rules one trace per rule of the set, in evaluation order
 * @param decisions every decision made, in order
 * @param failure the failure of one or more rules, if any; {@link RuleEngine#decide} throws it
 */
public record Evaluation(
    String ruleSet,
    ReferralEvent event,
    List<RuleTrace> rules,
    List<Decision> decisions,
    Optional<PolicyEvaluationException> failure) {

  /** Validates the fields and copies the lists. */
  public Evaluation {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(event, "event");
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
    Objects.requireNonNull(failure, "failure");
  }

  /** What happened to a rule. */
  public enum Outcome {
    /** Its condition held and it made its decisions. */
    FIRED,
    /** Its condition did not hold. */
    NOT_MATCHED,
    /** It does not apply to the event's type. */
    NOT_APPLICABLE,
    /** It was not evaluated: its first-match group or the whole set had already matched. */
    SKIPPED,
    /** Its condition threw; the other rules' decisions stand. */
    FAILED
  }

  /** The result of one condition. */
  public enum Verdict {
    /** The condition held. */
    TRUE,
    /** The condition did not hold. */
    FALSE,
    /**
     * The condition was not evaluated: an earlier part of its {@code all} or {@code any} decided.
     */
    NOT_EVALUATED
  }

  /**
   * What happened to one rule.
   *
   * @param rule the rule's name
   * @param priority the rule's priority
   * @param group the rule's group, if any
   * @param outcome what happened
   * @param reason why, in words
   * @param condition the condition's trace, when it was evaluated
   * @param decisions the decisions the rule made, when it fired
   */
  public record RuleTrace(
      String rule,
      int priority,
      Optional<String> group,
      Outcome outcome,
      String reason,
      Optional<ConditionTrace> condition,
      List<Decision> decisions) {

    /** Validates the fields and copies the decisions. */
    public RuleTrace {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(condition, "condition");
      decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
    }
  }

  /**
   * The evaluation of one condition.
   *
   * @param condition the condition, e.g. {@code referrer.lifetimeConversions equal 3}
   * @param value the value read, e.g. {@code 2}, {@code absent}; empty for {@code all}, {@code any}
   *     and {@code not}
   * @param verdict the result
   * @param parts the traces of the parts of an {@code all}, {@code any} or {@code not}
   */
  public record ConditionTrace(
      String condition, String value, Verdict verdict, List<ConditionTrace> parts) {

    /** Validates the fields and copies the parts. */
    public ConditionTrace {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(verdict, "verdict");
      parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    }
  }

  /** The names of the rules that fired, in order. */
  public List<String> fired() {
    List<String> names = new ArrayList<>();
    for (RuleTrace trace : rules) {
      if (trace.outcome() == Outcome.FIRED) {
        names.add(trace.rule());
      }
    }
    return List.copyOf(names);
  }

  /** The trace of the rule named {@code name}, if the set has it. */
  public Optional<RuleTrace> rule(String name) {
    Checks.notNull(name, "name");
    for (RuleTrace trace : rules) {
      if (trace.rule().equals(name)) {
        return Optional.of(trace);
      }
    }
    return Optional.empty();
  }

  /**
   * A readable account of the evaluation, one line per rule, then its conditions and decisions, for
   * logs and test failures.
   */
  public String describe() {
    return Texts.describe(this);
  }

  @Override
  public String toString() {
    return "Evaluation["
        + ruleSet
        + " on "
        + event.type()
        + " "
        + event.id()
        + ": "
        + fired()
        + "]";
  }
}
