package dev.referral.rules;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * A named group of rules of a {@link RuleSet}. Rules join a group with {@link Rule#group()}; the
 * group's {@link Mode} says whether all its matching rules fire or only the first.
 *
 * @param name unique in the rule set
 * @param mode all-of or first-match
 */
public record RuleGroup(String name, Mode mode) {

  /** How the rules of a group fire. */
  public enum Mode {
    /** Every rule of the group whose condition holds fires. */
    ALL_OF,
    /** Only the first rule of the group (in the rule set's order) whose condition holds fires. */
    FIRST_MATCH
  }

  /** Validates the fields. */
  public RuleGroup {
    name = Checks.text(name, "name", 200);
    Objects.requireNonNull(mode, "mode");
  }
}
