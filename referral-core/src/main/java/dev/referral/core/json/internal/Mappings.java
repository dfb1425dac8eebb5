package dev.referral.core.json.internal;

import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import java.util.Objects;

/** Adds the serializers and deserializers of every event and value type to a module. */
public final class Mappings {
  private Mappings() {}

  /**
   * Adds a serializer and a deserializer for {@link ReferralEvent}, each event record and each of
   * the value types to {@code module}.
   */
  public static void addTo(SimpleModule module) {
    Objects.requireNonNull(module, "module");
    module.addSerializer(ReferralEvent.class, new ValueSerializer<>(ReferralEvent.class));
    module.addDeserializer(ReferralEvent.class, EventDeserializer.anyEvent());
    for (EventType type : EventType.values()) {
      addEvent(module, type.eventClass());
    }
    for (Class<?> type : JsonCodec.valueTypes()) {
      addValue(module, type);
    }
  }

  private static <T extends ReferralEvent> void addEvent(SimpleModule module, Class<T> eventClass) {
    module.addDeserializer(eventClass, EventDeserializer.of(eventClass));
  }

  private static <T> void addValue(SimpleModule module, Class<T> type) {
    module.addSerializer(type, new ValueSerializer<>(type));
    module.addDeserializer(type, new ValueDeserializer<>(type));
  }
}
