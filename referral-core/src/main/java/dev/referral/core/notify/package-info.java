/**
 * Shipped notifiers: {@link dev.referral.core.notify.LoggingNotifier} (SLF4J), {@link
 * dev.referral.core.notify.RecordingNotifier} (for tests) and {@link
 * dev.referral.core.notify.ChannelRoutingNotifier} (routes by channel).
 */
@NullMarked
package dev.referral.core.notify;

import org.jspecify.annotations.NullMarked;
