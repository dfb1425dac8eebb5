package dev.referral.core.policy;

import dev.referral.core.FollowUpKind;
import dev.referral.core.internal.Checks;
import java.util.Objects;
import java.util.Set;

/**
 * Cancel pending follow-ups of the event's lead or referrer.
 *
 * @param scope whose follow-ups: the lead's or the referrer's
 * @param kinds the kinds to cancel; empty means every kind
 * @param reason the policy or rule that cancels them, kept as the cancellation note
 */
public record CancelFollowUps(Scope scope, Set<FollowUpKind> kinds, String reason)
    implements Decision {

  /** Whose follow-ups are cancelled. */
  public enum Scope {
    /** The pending follow-ups about the event's lead. */
    LEAD,
    /** Every pending follow-up about the event's referrer, their leads' included. */
    REFERRER
  }

  /** Validates the fields and copies the kinds. */
  public CancelFollowUps {
    Objects.requireNonNull(scope, "scope");
    kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
    reason = Checks.text(reason, "reason", 200);
  }

  /** Cancel the lead's pending follow-ups of {@code kinds} (all kinds if none are given). */
  public static CancelFollowUps forLead(String reason, FollowUpKind... kinds) {
    return new CancelFollowUps(Scope.LEAD, Set.of(Objects.requireNonNull(kinds, "kinds")), reason);
  }

  /** Cancel the referrer's pending follow-ups of {@code kinds} (all kinds if none are given). */
  public static CancelFollowUps forReferrer(String reason, FollowUpKind... kinds) {
    return new CancelFollowUps(
        Scope.REFERRER, Set.of(Objects.requireNonNull(kinds, "kinds")), reason);
  }
}
