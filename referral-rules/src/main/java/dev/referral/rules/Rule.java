package dev.referral.rules;

import dev.referral.core.event.EventType;
import dev.referral.core.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One term of a referral program: on events of some types, when a condition holds, take actions.
 * Build one with {@link Rules#rule(String)} or read it from a rule file.
 *
 * @param name unique in its rule set; the reason recorded with every decision the rule makes (at
 *     most 200 characters)
 * @param priority rules with a higher priority run first; equal priorities run in declaration order
 * @param on the event types the rule applies to, at least one
 * @param when the condition
 * @param then the actions, at least one, in order
 * @param group the {@link RuleGroup} the rule belongs to, if any
 */
public record Rule(
    String name,
    int priority,
    Set<EventType> on,
    Condition when,
    List<Action> then,
    Optional<String> group) {

  /** The priority of a rule that does not set one: 0. */
  public static final int DEFAULT_PRIORITY = 0;

  /** Validates the fields and copies the collections. */
  public Rule {
    // Nulls first, so that a null is reported as such whatever else is wrong.
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(group, "group");
    name = Checks.text(name, "name", 200);
    on = Set.copyOf(Objects.requireNonNull(on, "on"));
    Checks.argument(!on.isEmpty(), "on must name at least one event type (rule '" + name + "')");
    Objects.requireNonNull(when, "when");
    then = List.copyOf(Objects.requireNonNull(then, "then"));
    Checks.argument(!then.isEmpty(), "then must hold at least one action (rule '" + name + "')");
    group = Checks.optional(group, "group").map(g -> Checks.text(g, "group", 200));
  }

  /** A copy in {@code group}. */
  public Rule inGroup(String group) {
    return new Rule(
        name, priority, on, when, then, Optional.of(Objects.requireNonNull(group, "group")));
  }
}
