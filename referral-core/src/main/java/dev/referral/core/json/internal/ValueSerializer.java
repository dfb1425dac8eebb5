package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes one of the value types of {@link JsonCodec#valueTypes()}. This class is threadsafe.
 *
 * @param <T> the value type
 */
public final class ValueSerializer<T> extends StdSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** A serializer for {@code type}. */
  public ValueSerializer(Class<T> type) {
    super(type);
  }

  @Override
  public void serialize(T value, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    JsonCodec.instance().writeValue(json, value);
  }
}
