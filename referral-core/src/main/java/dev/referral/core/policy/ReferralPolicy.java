package dev.referral.core.policy;

import dev.referral.core.event.ReferralEvent;
import java.util.List;
import java.util.Objects;

/**
 * Turns an event into decisions: grant rewards, schedule or cancel follow-ups. The program calls it
 * inside the event's transaction for every event, including the events its own decisions cause (a
 * granted reward's {@code RewardGranted}, for example).
 *
 * <p>Contract: {@link #decide} must not change anything itself, must be deterministic for the same
 * event and context (it may be called again for the same event when a failed decision is retried),
 * and must be thread-safe. If it throws, the event's state change still commits; the failure is
 * recorded with {@link #name()} and retried by {@code ReferralProgram.retryFailedDecisions()}.
 * Decisions are idempotent per event, so a retry never grants twice.
 */
@FunctionalInterface
public interface ReferralPolicy {

  /** The decisions for {@code event}; an empty list for none. Never null. */
  List<Decision> decide(ReferralEvent event, PolicyContext context);

  /** The name recorded with failures and used as a reward's reason by default. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** This policy and then {@code other}; each part's failure is isolated from the other's. */
  default ReferralPolicy and(ReferralPolicy other) {
    return allOf(List.of(this, Objects.requireNonNull(other, "other")));
  }

  /** A policy that decides nothing. */
  static ReferralPolicy none() {
    return CompositePolicy.NONE;
  }

  /** {@code policy} under {@code name}, so failures are recorded with a readable name. */
  static ReferralPolicy named(String name, ReferralPolicy policy) {
    return new CompositePolicy.Named(name, policy);
  }

  /**
   * All of {@code policies}, in order; their decisions are concatenated. If some fail, the others'
   * decisions stand and a {@link PolicyEvaluationException} names the failed ones.
   */
  static ReferralPolicy allOf(ReferralPolicy... policies) {
    return allOf(List.of(Objects.requireNonNull(policies, "policies")));
  }

  /** All of {@code policies}, in order. See {@link #allOf(ReferralPolicy...)}. */
  static ReferralPolicy allOf(List<ReferralPolicy> policies) {
    return CompositePolicy.of(Objects.requireNonNull(policies, "policies"));
  }
}
