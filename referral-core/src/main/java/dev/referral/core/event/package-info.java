/** The events of a referral program: one record per state change, appended to the event log. */
@NullMarked
package dev.referral.core.event;

import org.jspecify.annotations.NullMarked;
