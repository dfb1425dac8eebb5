package dev.referral.core.store.jdbc.internal;

import dev.referral.core.event.ReferralEvent;

/** Turns events into the JSON payload stored in the event log, and back. Must be thread-safe. */
public interface EventCodec {

  /** The payload of {@code event}. */
  String encode(ReferralEvent event);

  /** The event stored as {@code payload}. */
  ReferralEvent decode(String payload);

  /** A codec that writes events by their record components. */
  static EventCodec byComponents() {
    RecordJson json = new RecordJson();
    return new EventCodec() {
      @Override
      public String encode(ReferralEvent event) {
        return json.write(event, ReferralEvent.class);
      }

      @Override
      public ReferralEvent decode(String payload) {
        return json.read(payload, ReferralEvent.class);
      }
    };
  }
}
