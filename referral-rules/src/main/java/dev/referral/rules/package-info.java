/**
 * A small, fast rules engine that turns referral events into rewards and follow-ups.
 *
 * <p>One immutable model ({@link dev.referral.rules.RuleSet}, {@link dev.referral.rules.Rule},
 * {@link dev.referral.rules.Condition}, {@link dev.referral.rules.Action}) has two front ends: the
 * Java DSL in {@link dev.referral.rules.Rules} and JSON rule files read and written by {@link
 * dev.referral.rules.RuleSetJson}. {@link dev.referral.rules.RuleEngine} runs a rule set as the
 * program's {@link dev.referral.core.policy.ReferralPolicy} and explains any evaluation; {@link
 * dev.referral.rules.Replay} tries a rule set against the recorded event log.
 */
@NullMarked
package dev.referral.rules;

import org.jspecify.annotations.NullMarked;
