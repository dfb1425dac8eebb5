package dev.referral.examples.notify;

import dev.referral.core.notify.NotifierContract;
import dev.referral.core.spi.Notifier;

/**
 * The custom notifier passes the library's {@link NotifierContract}, as a host's own notifier
 * should: extend the suite (from the referral-core test jar) and return a fresh notifier.
 */
class WebhookNotifierContractTest extends NotifierContract {
  @Override
  protected Notifier notifier() {
    return new WebhookNotifier(new WebhookExample.FlakyReceiver(0));
  }
}
