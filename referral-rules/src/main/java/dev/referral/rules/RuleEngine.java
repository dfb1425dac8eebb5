package dev.referral.rules;

import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.rules.internal.Engine;
import java.util.List;
import java.util.Objects;

/**
 * Runs a {@link RuleSet} as the program's {@link ReferralPolicy}:
 *
 * <pre>{@code
 * ReferralProgram program = ReferralProgram.builder()
 *     .policy(RuleEngine.of(rules).and(FollowUpPolicy.ofDefaults()))
 *     .build();
 * }</pre>
 *
 * <p>The rule set is compiled once: rules are indexed by event type, so an event costs in
 * proportion to the rules that apply to its type. {@link #decide} allocates nothing when no rule
 * fires and reads {@code context.stats()} only when a condition needs it. A rule that throws does
 * not stop the others: {@link #decide} throws a {@link PolicyEvaluationException} naming the rule
 * and carrying the other rules' decisions, so the program applies those and records the failure.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RuleEngine implements ReferralPolicy {
  private final Engine engine;

  private RuleEngine(Engine engine) {
    this.engine = engine;
  }

  /** An engine for {@code ruleSet}. */
  public static RuleEngine of(RuleSet ruleSet) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    return new RuleEngine(Engine.compile(ruleSet));
  }

  /** The rule set this engine runs. */
  public RuleSet ruleSet() {
    return engine.ruleSet();
  }

  /**
   * The decisions of every rule that fires on {@code event}, in rule order.
   *
   * @throws PolicyEvaluationException if rules threw; it names them and carries the decisions of
   *     the others
   */
  @Override
  public List<Decision> decide(ReferralEvent event, PolicyContext context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    return engine.decide(event, context);
  }

  /**
   * Evaluates {@code event} without side effects (a dry run) and explains it: for each rule,
   * whether it applied and why, each condition's value and result, and the decisions. Rules that
   * throw are reported in the evaluation, not thrown.
   */
  public Evaluation explain(ReferralEvent event, PolicyContext context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    return engine.explain(event, context);
  }

  /** The rule set's name. */
  @Override
  public String name() {
    return engine.ruleSet().name();
  }

  @Override
  public String toString() {
    return "RuleEngine[" + name() + ", " + engine.ruleSet().rules().size() + " rules]";
  }
}
