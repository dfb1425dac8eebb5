package dev.referral.examples.bench;

import dev.referral.core.event.ReferralEvent;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.PolicyContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * The benchmark's opponent: the same rules run by Easy Rules' {@link DefaultRulesEngine}, written
 * the way its documentation shows (a {@link RuleBuilder} per rule, conditions and actions as
 * lambdas over {@link Facts}). Like our engine, decisions that do not depend on the event are made
 * once, when the rule is built.
 */
final class EasyRulesPolicy {
  private static final String EVENT = "event";
  private static final String CONTEXT = "context";
  private static final String DECISIONS = "decisions";

  private final Rules rules;
  private final RulesEngine engine = new DefaultRulesEngine();

  EasyRulesPolicy(List<RuleSpec> specs) {
    this.rules = new Rules();
    for (RuleSpec spec : specs) {
      rules.register(rule(spec));
    }
    if (rules.size() != specs.size()) {
      throw new IllegalStateException("Easy Rules kept " + rules.size() + " of " + specs.size());
    }
  }

  private static Rule rule(RuleSpec spec) {
    RuleSpec.Test test = spec.test();
    RuleSpec.Act action = spec.action();
    // Grants and cancellations do not depend on the event (nor on the context).
    Decision fixed =
        action instanceof RuleSpec.FollowUp
            ? null
            : action.decide(spec.name(), PolicyContext.builder(Instant.EPOCH).build());
    return new RuleBuilder()
        .name(spec.name())
        // Easy Rules runs lower priorities first; ours runs higher ones first.
        .priority(-spec.priority())
        .when(
            facts -> {
              ReferralEvent event = facts.get(EVENT);
              return event.type() == spec.type() && test.holds(event, facts.get(CONTEXT));
            })
        .then(
            facts -> {
              List<Decision> decisions = facts.get(DECISIONS);
              decisions.add(fixed != null ? fixed : action.decide(spec.name(), facts.get(CONTEXT)));
            })
        .build();
  }

  /** The decisions of every rule that fires on {@code event}, in rule order. */
  List<Decision> decide(ReferralEvent event, PolicyContext context) {
    Facts facts = new Facts();
    facts.put(EVENT, event);
    facts.put(CONTEXT, context);
    List<Decision> decisions = new ArrayList<>(4);
    facts.put(DECISIONS, decisions);
    engine.fire(rules, facts);
    return decisions;
  }
}
