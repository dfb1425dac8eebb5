package dev.referral.core.policy;

/**
 * What a policy decides on an event: grant a reward, schedule a follow-up, or cancel follow-ups.
 * The program applies every decision in the transaction of the event, all or nothing.
 */
public sealed interface Decision permits GrantReward, ScheduleFollowUp, CancelFollowUps {

  /** The policy or rule that made the decision, kept with what it causes. */
  String reason();
}
