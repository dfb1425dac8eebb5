/**
 * The referral program: the {@link dev.referral.core.ReferralProgram} facade and the immutable
 * values it works with (referrers, codes, prospects, leads, purchases, incentives, rewards,
 * follow-ups). Every value is a record validated in its constructor; every method rejects null
 * arguments with a {@link java.lang.NullPointerException} that names the argument.
 */
@NullMarked
package dev.referral.core;

import org.jspecify.annotations.NullMarked;
