package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads one of the value types of {@link JsonCodec#valueTypes()}. This class is threadsafe.
 *
 * @param <T> the value type
 */
final class ValueDeserializer<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  /** A deserializer for {@code type}. */
  ValueDeserializer(Class<T> type) {
    super(type);
    this.type = type;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    return JsonCodec.instance().readValue(ctxt.readTree(parser), type, ctxt);
  }
}
