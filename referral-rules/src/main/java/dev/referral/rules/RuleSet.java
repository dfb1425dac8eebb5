package dev.referral.rules;

import dev.referral.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of rules: the model that the {@link Rules} DSL builds and {@link RuleSetJson}
 * reads and writes. Run it with {@link RuleEngine#of(RuleSet)}.
 *
 * <p>Rules run in a deterministic total order: higher {@link Rule#priority()} first, then in the
 * order of {@link #rules()}. Every rule whose condition holds fires, except that in a {@link
 * RuleGroup.Mode#FIRST_MATCH} group only the first one fires, and with {@link #stopOnFirstMatch()}
 * only the first rule of the whole set fires.
 *
 * @param name the set's name, the engine's policy name
 * @param stopOnFirstMatch whether evaluation stops after the first rule that fires
 * @param groups the groups rules may join, names unique
 * @param rules the rules in declaration order, names unique
 */
public record RuleSet(
    String name, boolean stopOnFirstMatch, List<RuleGroup> groups, List<Rule> rules) {

  /** Validates the names and copies the lists. */
  public RuleSet {
    name = Checks.text(name, "name", 200);
    groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    Set<String> groupNames = new HashSet<>();
    for (RuleGroup group : groups) {
      Checks.argument(
          groupNames.add(group.name()), "groups: duplicate group name '" + group.name() + "'");
    }
    Set<String> ruleNames = new HashSet<>();
    for (Rule rule : rules) {
      Checks.argument(
          ruleNames.add(rule.name()), "rules: duplicate rule name '" + rule.name() + "'");
      rule.group()
          .ifPresent(
              g ->
                  Checks.argument(
                      groupNames.contains(g),
                      "rules: rule '" + rule.name() + "' names unknown group '" + g + "'"));
    }
  }

  /** Starts a rule set named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The rule named {@code name}, if any. */
  public Optional<Rule> rule(String name) {
    Objects.requireNonNull(name, "name");
    for (Rule rule : rules) {
      if (rule.name().equals(name)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The group named {@code name}, if any. */
  public Optional<RuleGroup> group(String name) {
    Objects.requireNonNull(name, "name");
    for (RuleGroup group : groups) {
      if (group.name().equals(name)) {
        return Optional.of(group);
      }
    }
    return Optional.empty();
  }

  /** Builds a {@link RuleSet}; rules keep the order in which they are added. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private boolean stopOnFirstMatch;
    private final List<RuleGroup> groups = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> ruleNames = new HashSet<>();

    private Builder(String name) {
      this.name = Checks.text(name, "name", 200);
    }

    /** Stop after the first rule that fires, in the whole set. */
    public Builder stopOnFirstMatch() {
      this.stopOnFirstMatch = true;
      return this;
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException if the set has a rule of that name
     */
    public Builder rule(Rule rule) {
      Objects.requireNonNull(rule, "rule");
      if (!ruleNames.add(rule.name())) {
        throw new IllegalArgumentException(
            "rule: a rule named '" + rule.name() + "' is already in rule set '" + name + "'");
      }
      rules.add(rule);
      return this;
    }

    /** Adds the rule that {@code rule} builds. */
    public Builder rule(Rules.RuleBuilder rule) {
      return rule(Objects.requireNonNull(rule, "rule").build());
    }

    /** Adds {@code rules} in an {@link RuleGroup.Mode#ALL_OF} group named {@code group}. */
    public Builder allOf(String group, Rules.RuleBuilder... rules) {
      return group(
          new RuleGroup(Objects.requireNonNull(group, "group"), RuleGroup.Mode.ALL_OF), rules);
    }

    /** Adds {@code rules} in a {@link RuleGroup.Mode#FIRST_MATCH} group named {@code group}. */
    public Builder firstMatch(String group, Rules.RuleBuilder... rules) {
      return group(
          new RuleGroup(Objects.requireNonNull(group, "group"), RuleGroup.Mode.FIRST_MATCH), rules);
    }

    /**
     * Adds {@code group} and {@code rules} in it.
     *
     * @throws IllegalArgumentException if the set has a group of that name
     */
    public Builder group(RuleGroup group, Rules.RuleBuilder... rules) {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(rules, "rules");
      for (RuleGroup existing : groups) {
        Checks.argument(
            !existing.name().equals(group.name()),
            "group: a group named '" + group.name() + "' is already in rule set '" + name + "'");
      }
      groups.add(group);
      for (Rules.RuleBuilder rule : rules) {
        rule(Objects.requireNonNull(rule, "rules contains null").build().inGroup(group.name()));
      }
      return this;
    }

    /** The rule set. */
    public RuleSet build() {
      return new RuleSet(name, stopOnFirstMatch, groups, rules);
    }
  }
}
