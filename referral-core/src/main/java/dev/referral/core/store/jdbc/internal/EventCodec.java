package dev.referral.core.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.json.ReferralJacksonModule;
import dev.referral.core.spi.StoreException;
import java.io.IOException;

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
        // into the thread's reusable buffer: one copy, the payload string
        TextBuffer text = TextBuffer.get();
        try {
          mapper.writeValue(text, event);
        } catch (IOException e) {
          throw new StoreException("cannot write event " + event.id() + " as JSON", e);
        }
        return text.take();
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
