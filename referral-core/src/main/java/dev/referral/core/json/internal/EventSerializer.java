package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.referral.core.event.ReferralEvent;
import java.io.IOException;

/** Writes any {@link ReferralEvent} with its {@code "type"}. This class is threadsafe. */
public final class EventSerializer extends StdSerializer<ReferralEvent> {
  private static final long serialVersionUID = 1L;

  /** A serializer for every event type. */
  public EventSerializer() {
    super(ReferralEvent.class);
  }

  @Override
  public void serialize(ReferralEvent event, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    JsonCodec.instance().writeEvent(json, event);
  }
}
