package dev.referral.rules;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LimitKind;
import dev.referral.core.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule set would have granted differently on past events, per rule. Made by {@link
 * Replay#run}.
 *
 * @param ruleSet the replayed rule set's name
 * @param from the first instant replayed, inclusive
 * @param to the last instant replayed, exclusive
 * @param events how many events were evaluated
 * @param rules per rule (of the replayed set, then every other reason found in the log), what
 *     changed
 * @param failures the events on which a rule threw
 */
public record ReplayReport(
    String ruleSet,
    Instant from,
    Instant to,
    int events,
    List<RuleChanges> rules,
    List<Failure> failures) {

  /** Validates the fields and copies the lists. */
  public ReplayReport {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
  }

  /**
   * A reward asked for on an event.
   *
   * @param beneficiary who receives it
   * @param incentive what it gives
   * @param deniedBy for a recorded grant, the limit that denied it, if one did
   */
  public record Grant(Beneficiary beneficiary, Incentive incentive, Optional<LimitKind> deniedBy) {
    /** Checks the fields. */
    public Grant {
      Objects.requireNonNull(beneficiary, "beneficiary");
      Objects.requireNonNull(incentive, "incentive");
      Objects.requireNonNull(deniedBy, "deniedBy");
    }

    @Override
    public String toString() {
      return beneficiary
          + " gets "
          + incentive.describe()
          + deniedBy.map(l -> " (denied by " + l + ")").orElse("");
    }
  }

  /**
   * One event on which a rule would grant differently.
   *
   * @param event the event
   * @param type its type
   * @param at when it happened
   * @param wouldGrant what the replayed rule would grant
   * @param wasGranted what was granted (or asked for and denied) under the rule's name
   */
  public record Difference(
      EventId event, EventType type, Instant at, List<Grant> wouldGrant, List<Grant> wasGranted) {
    /** Validates the fields and copies the lists. */
    public Difference {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(at, "at");
      wouldGrant = List.copyOf(Objects.requireNonNull(wouldGrant, "wouldGrant"));
      wasGranted = List.copyOf(Objects.requireNonNull(wasGranted, "wasGranted"));
    }

    @Override
    public String toString() {
      return type
          + " "
          + event
          + " at "
          + at
          + ": would grant "
          + wouldGrant
          + ", was "
          + wasGranted;
    }
  }

  /**
   * The changes of one rule.
   *
   * @param rule the rule's name (a decision's reason)
   * @param unchanged how many events the rule granted on exactly as before
   * @param differences the events it would grant on differently
   */
  public record RuleChanges(String rule, int unchanged, List<Difference> differences) {
    /** Validates the fields and copies the list. */
    public RuleChanges {
      Objects.requireNonNull(rule, "rule");
      differences = List.copyOf(Objects.requireNonNull(differences, "differences"));
    }
  }

  /**
   * An event on which rules threw.
   *
   * @param event the event
   * @param rules the failing rules' names
   * @param error the first error
   */
  public record Failure(EventId event, String rules, String error) {
    /** Checks the fields. */
    public Failure {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(rules, "rules");
      Objects.requireNonNull(error, "error");
    }
  }

  /** Whether any rule would grant differently on any event. */
  public boolean hasDifferences() {
    return rules.stream().anyMatch(r -> !r.differences().isEmpty());
  }

  /** The changes of the rule named {@code rule}, if it granted or would grant anything. */
  public Optional<RuleChanges> rule(String rule) {
    Objects.requireNonNull(rule, "rule");
    return rules.stream().filter(r -> r.rule().equals(rule)).findFirst();
  }

  /** A readable account: per rule, its unchanged count and each difference. */
  public String describe() {
    StringBuilder out =
        new StringBuilder("replay of '")
            .append(ruleSet)
            .append("' from ")
            .append(from)
            .append(" to ")
            .append(to)
            .append(": ")
            .append(events)
            .append(" events\n");
    for (RuleChanges rule : rules) {
      out.append("  '")
          .append(rule.rule())
          .append("': ")
          .append(rule.unchanged())
          .append(" unchanged, ")
          .append(rule.differences().size())
          .append(" different\n");
      for (Difference d : rule.differences()) {
        out.append("    ").append(d).append('\n');
      }
    }
    for (Failure f : failures) {
      out.append("  failed on ").append(f.event()).append(": ").append(f.rules()).append(": ");
      out.append(f.error()).append('\n');
    }
    return out.toString();
  }
}
