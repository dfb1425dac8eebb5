/**
 * JSON for the library's events and values: register {@link
 * dev.referral.core.json.ReferralJacksonModule} with a Jackson {@code ObjectMapper}.
 */
@NullMarked
package dev.referral.core.json;

import org.jspecify.annotations.NullMarked;
