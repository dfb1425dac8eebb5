/**
 * The JSON mapping behind {@link dev.referral.core.json.ReferralJacksonModule}. Nothing in this
 * package is public API: it may change in any release.
 */
@NullMarked
package dev.referral.core.json.internal;

import org.jspecify.annotations.NullMarked;
