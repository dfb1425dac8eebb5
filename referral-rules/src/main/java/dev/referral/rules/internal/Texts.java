package dev.referral.rules.internal;

import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.rules.Evaluation;
import dev.referral.rules.Evaluation.ConditionTrace;
import dev.referral.rules.Evaluation.RuleTrace;
import java.util.List;
import java.util.stream.Collectors;

/** Renders evaluations and decisions as text for traces, logs and test failures. */
public final class Texts {
  private Texts() {}

  /** One line per rule, then its conditions and decisions, indented. */
  public static String describe(Evaluation evaluation) {
    StringBuilder out = new StringBuilder();
    out.append("rule set '")
        .append(evaluation.ruleSet())
        .append("' on ")
        .append(evaluation.event().type())
        .append(' ')
        .append(evaluation.event().id())
        .append(" at ")
        .append(evaluation.event().at())
        .append('\n');
    for (RuleTrace rule : evaluation.rules()) {
      out.append("  ")
          .append(String.format("%-14s", rule.outcome()))
          .append(" '")
          .append(rule.rule())
          .append("'");
      if (rule.priority() != 0) {
        out.append(" (priority ").append(rule.priority()).append(')');
      }
      out.append(": ").append(rule.reason()).append('\n');
      rule.condition().ifPresent(c -> condition(out, c, 6));
      for (Decision decision : rule.decisions()) {
        out.append("      => ").append(describe(decision)).append('\n');
      }
    }
    out.append("  decisions: ");
    out.append(evaluation.decisions().isEmpty() ? "none" : describe(evaluation.decisions()));
    evaluation.failure().ifPresent(f -> out.append("\n  failed: ").append(f.getMessage()));
    return out.toString();
  }

  private static void condition(StringBuilder out, ConditionTrace trace, int indent) {
    out.append(" ".repeat(indent)).append(trace.condition()).append(" -> ").append(trace.verdict());
    if (!trace.value().isEmpty()) {
      out.append(" (read ").append(trace.value()).append(')');
    }
    out.append('\n');
    for (ConditionTrace part : trace.parts()) {
      condition(out, part, indent + 2);
    }
  }

  /** Decisions, one after the other. */
  public static String describe(List<? extends Decision> decisions) {
    return decisions.stream().map(Texts::describe).collect(Collectors.joining("; "));
  }

  /** A decision in words, e.g. {@code grant REFERRER a 25.00 EUR gift card, held PT720H}. */
  public static String describe(Decision decision) {
    if (decision instanceof GrantReward g) {
      StringBuilder s =
          new StringBuilder("grant ")
              .append(g.beneficiary())
              .append(' ')
              .append(g.incentive().describe());
      g.holdFor().ifPresent(d -> s.append(", held ").append(d));
      if (g.requiresApproval()) {
        s.append(", needs approval");
      }
      g.expiresAfter().ifPresent(d -> s.append(", expires after ").append(d));
      return s.append(" [").append(g.reason()).append(']').toString();
    }
    if (decision instanceof ScheduleFollowUp f) {
      return "follow up "
          + f.kind()
          + " to "
          + f.audience()
          + " at "
          + f.dueAt()
          + " by "
          + f.channel()
          + (f.data().isEmpty() ? "" : " with " + f.data())
          + " ["
          + f.reason()
          + "]";
    }
    CancelFollowUps c = (CancelFollowUps) decision;
    return "cancel "
        + c.scope()
        + " follow-ups of "
        + (c.kinds().isEmpty()
            ? "every kind"
            : c.kinds().stream().map(k -> k.name()).sorted().toList())
        + " ["
        + c.reason()
        + "]";
  }
}
