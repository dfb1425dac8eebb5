package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads an event, choosing the record by its {@code "type"} field (which may stand anywhere in the
 * object). This class is threadsafe.
 *
 * @param <T> {@link ReferralEvent}, or the one event record this deserializer expects
 */
final class EventDeserializer<T extends ReferralEvent> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> eventClass;
  private final @Nullable EventType expected;

  private EventDeserializer(Class<T> eventClass, @Nullable EventType expected) {
    super(eventClass);
    this.eventClass = eventClass;
    this.expected = expected;
  }

  /** Reads events of any type. */
  static EventDeserializer<ReferralEvent> anyEvent() {
    return new EventDeserializer<>(ReferralEvent.class, null);
  }

  /** Reads events of {@code eventClass} only. */
  static <T extends ReferralEvent> EventDeserializer<T> of(Class<T> eventClass) {
    return new EventDeserializer<>(eventClass, EventType.of(eventClass));
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    return eventClass.cast(JsonCodec.instance().readEvent(ctxt.readTree(parser), expected, ctxt));
  }
}
