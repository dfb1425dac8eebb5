package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes an event or one of the value types of {@link JsonCodec#valueTypes()}, also under a
 * mapper's polymorphic type handling (for example default typing with an {@code "@class"}
 * property). This class is threadsafe.
 *
 * @param <T> the event or value type
 */
final class ValueSerializer<T> extends StdSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** A serializer for {@code type}. */
  ValueSerializer(Class<T> type) {
    super(type);
  }

  @Override
  public void serialize(T value, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    JsonCodec.instance().writeValue(json, value);
  }

  @Override
  public void serializeWithType(
      T value, JsonGenerator json, SerializerProvider provider, TypeSerializer typeSerializer)
      throws IOException {
    JsonCodec codec = JsonCodec.instance();
    boolean scalar = codec.isScalar(value);
    WritableTypeId typeId =
        typeSerializer.writeTypePrefix(
            json,
            typeSerializer.typeId(value, scalar ? JsonToken.VALUE_STRING : JsonToken.START_OBJECT));
    if (scalar) {
      codec.writeValue(json, value);
    } else {
      codec.writeObjectFields(json, value);
    }
    typeSerializer.writeTypeSuffix(json, typeId);
  }
}
