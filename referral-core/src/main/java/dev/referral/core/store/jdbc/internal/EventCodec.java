package dev.referral.core.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.json.ReferralJacksonModule;
import dev.referral.core.spi.StoreException;

/** Turns events into the JSON payload stored in the event log, and back. Must be thread-safe. */
public interface EventCodec {

  /** The payload of {@code event}. */
  String encode(ReferralEvent event);

  /** The event stored as {@code payload}. */
  ReferralEvent decode(String payload);

  /**
   * The library's event JSON ({@link ReferralJacksonModule}): the payloads are the documents hosts
   * publish, readable by anyone with the module.
   */
  static EventCodec jackson() {
    ObjectMapper mapper = ReferralJacksonModule.objectMapper();
    return new EventCodec() {
      @Override
      public String encode(ReferralEvent event) {
        try {
          return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
          throw new StoreException("cannot write event " + event.id() + " as JSON", e);
        }
      }

      @Override
      public ReferralEvent decode(String payload) {
        try {
          return mapper.readValue(payload, ReferralEvent.class);
        } catch (JsonProcessingException e) {
          throw new StoreException("cannot read a stored event: " + e.getOriginalMessage(), e);
        }
      }
    };
  }
}
