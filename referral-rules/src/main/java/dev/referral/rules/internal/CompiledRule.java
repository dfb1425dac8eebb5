package dev.referral.rules.internal;

import dev.referral.core.event.EventType;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.rules.Action;
import dev.referral.rules.Rule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule ready to run: its condition compiled, its grants and cancellations made once, since they
 * do not depend on the event. Only follow-ups, due relative to the decision time, are made per
 * evaluation.
 */
final class CompiledRule {
  final Rule rule;
  final Node condition;

  /** The index of the rule's first-match group, or -1. */
  final int firstMatchGroup;

  private final boolean[] appliesTo;
  private final Action[] actions;
  private final @Nullable Decision[] fixed;
  private final @Nullable List<Decision> allFixed;

  CompiledRule(Rule rule, int firstMatchGroup) {
    this.rule = rule;
    this.condition = Node.compile(rule.when());
    this.firstMatchGroup = firstMatchGroup;
    this.appliesTo = new boolean[EventType.values().length];
    for (EventType type : rule.on()) {
      appliesTo[type.ordinal()] = true;
    }
    this.actions = rule.then().toArray(new Action[0]);
    this.fixed = new Decision[actions.length];
    boolean constant = true;
    for (int i = 0; i < actions.length; i++) {
      fixed[i] = fixedDecision(actions[i], rule.name());
      constant &= fixed[i] != null;
    }
    this.allFixed = constant ? List.of(fixed) : null;
  }

  String name() {
    return rule.name();
  }

  boolean appliesTo(EventType type) {
    return appliesTo[type.ordinal()];
  }

  /** The rule's decisions at {@code context.now()}. */
  List<Decision> decisions(PolicyContext context) {
    List<Decision> constant = allFixed;
    if (constant != null) {
      return constant;
    }
    Decision[] made = new Decision[actions.length];
    for (int i = 0; i < actions.length; i++) {
      Decision d = fixed[i];
      made[i] = d != null ? d : followUp((Action.FollowUp) actions[i], context);
    }
    return new DecisionList(made, made.length);
  }

  private ScheduleFollowUp followUp(Action.FollowUp f, PolicyContext context) {
    return new ScheduleFollowUp(
        f.kind(), f.to(), context.now().plus(f.after()), f.channel(), rule.name(), f.data());
  }

  private static @Nullable Decision fixedDecision(Action action, String reason) {
    if (action instanceof Action.Grant g) {
      return new GrantReward(
          g.to(), g.incentive(), reason, g.holdFor(), g.requiresApproval(), g.expiresAfter());
    }
    if (action instanceof Action.Cancel c) {
      return new CancelFollowUps(c.scope(), c.kinds(), reason);
    }
    return null;
  }
}
