/**
 * The policy SPI: {@link dev.referral.core.policy.ReferralPolicy} turns events into {@link
 * dev.referral.core.policy.Decision decisions}; policies compose. Ships {@link
 * dev.referral.core.policy.DoubleSidedPolicy} and {@link dev.referral.core.policy.FollowUpPolicy}.
 */
@NullMarked
package dev.referral.core.policy;

import org.jspecify.annotations.NullMarked;
