package dev.referral.core.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referral.core.spi.StoreException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the library's records as JSON documents and reads them back, by their record components:
 * the stored form of referrers, leads, orders, rewards, follow-ups and decision failures. Optional
 * values are {@code null} when empty; times, amounts and currencies are strings; a member of a
 * sealed family carries its simple class name in {@code "@type"}. No annotation on the records is
 * needed.
 *
 * <p>This class is thread-safe.
 */
public final class RecordJson {

  private static final String TYPE = "@type";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<Class<?>, Map<String, Class<?>>> families = new ConcurrentHashMap<>();

  /** A codec with empty caches. */
  public RecordJson() {}

  /**
   * {@code value}, a record or a member of a sealed family of records, as JSON text to be read back
   * as {@code type}.
   */
  public String write(Object value, Class<?> type) {
    try {
      return MAPPER.writeValueAsString(toNode(value, type));
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The value of type {@code type} read from JSON text written by {@link #write}. */
  public <T> T read(String json, Class<T> type) {
    try {
      return type.cast(fromNode(MAPPER.readTree(json), type));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new StoreException("cannot read a stored " + type.getSimpleName() + ": " + e, e);
    }
  }

  private JsonNode toNode(Object value, Type type) {
    if (value instanceof Optional<?> optional) {
      return optional.isEmpty() ? NullNode.getInstance() : toNode(optional.get(), typeArg(type, 0));
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof BigDecimal || value instanceof Instant || value instanceof Duration) {
      return NODES.textNode(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }
    if (value instanceof LocalDate || value instanceof Enum<?>) {
      return NODES.textNode(value instanceof Enum<?> e ? e.name() : value.toString());
    }
    if (value instanceof Currency c) {
      return NODES.textNode(c.getCurrencyCode());
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode array = NODES.arrayNode();
      for (Object element : collection) {
        array.add(toNode(element, typeArg(type, 0)));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (k, v) -> object.set(toNode(k, typeArg(type, 0)).asText(), toNode(v, typeArg(type, 1))));
      return object;
    }
    if (value instanceof Record record) {
      Shape shape = shape(record.getClass());
      ObjectNode object = NODES.objectNode();
      if (rawClass(type) != record.getClass()) {
        object.put(TYPE, record.getClass().getSimpleName());
      }
      for (RecordComponent c : shape.components) {
        try {
          object.set(c.getName(), toNode(c.getAccessor().invoke(record), c.getGenericType()));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
      return object;
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
  }

  private Object fromNode(JsonNode node, Type type) {
    Class<?> raw = rawClass(type);
    if (raw == Optional.class) {
      return node == null || node.isNull()
          ? Optional.empty()
          : Optional.of(fromNode(node, typeArg(type, 0)));
    }
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing " + raw.getSimpleName());
    }
    if (raw == String.class) {
      return node.asText();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return node.asBoolean();
    }
    if (raw == int.class || raw == Integer.class) {
      return node.asInt();
    }
    if (raw == long.class || raw == Long.class) {
      return node.asLong();
    }
    if (raw == BigDecimal.class) {
      return new BigDecimal(node.asText());
    }
    if (raw == Instant.class) {
      return Instant.parse(node.asText());
    }
    if (raw == Duration.class) {
      return Duration.parse(node.asText());
    }
    if (raw == LocalDate.class) {
      return LocalDate.parse(node.asText());
    }
    if (raw == Currency.class) {
      return Currency.getInstance(node.asText());
    }
    if (raw.isEnum()) {
      return enumConstant(raw, node.asText());
    }
    if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
      Collection<Object> values = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
      for (JsonNode element : node) {
        values.add(fromNode(element, typeArg(type, 0)));
      }
      return raw == Set.class ? Set.copyOf(values) : List.copyOf(values);
    }
    if (Map.class.isAssignableFrom(raw)) {
      Map<Object, Object> values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        values.put(
            fromNode(NODES.textNode(field.getKey()), typeArg(type, 0)),
            fromNode(field.getValue(), typeArg(type, 1)));
      }
      return Map.copyOf(values);
    }
    Class<?> concrete = raw;
    if (raw.isInterface() && raw.isSealed()) {
      concrete = member(raw, node.path(TYPE).asText());
    }
    if (!concrete.isRecord()) {
      throw new IllegalArgumentException("cannot read a " + concrete.getName());
    }
    Shape shape = shape(concrete);
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = shape.components[i];
      args[i] = fromNode(node.get(c.getName()), c.getGenericType());
    }
    try {
      return shape.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "invalid stored " + concrete.getSimpleName() + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot create a " + concrete.getName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private Class<?> member(Class<?> family, String name) {
    Map<String, Class<?>> members =
        families.computeIfAbsent(
            family,
            f -> {
              Map<String, Class<?>> found = new ConcurrentHashMap<>();
              collectMembers(f, found);
              return found;
            });
    Class<?> member = members.get(name);
    if (member == null) {
      throw new IllegalArgumentException(
          "unknown " + family.getSimpleName() + " type '" + name + "'");
    }
    return member;
  }

  private static void collectMembers(Class<?> family, Map<String, Class<?>> found) {
    for (Class<?> member : family.getPermittedSubclasses()) {
      if (member.isInterface() && member.isSealed()) {
        collectMembers(member, found);
      } else {
        found.put(member.getSimpleName(), member);
      }
    }
  }

  private Shape shape(Class<?> recordClass) {
    return shapes.computeIfAbsent(recordClass, Shape::of);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }

  private static Type typeArg(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  /** A record class's components and canonical constructor. */
  private record Shape(RecordComponent[] components, Constructor<?> constructor) {
    static Shape of(Class<?> recordClass) {
      RecordComponent[] components = recordClass.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      try {
        return new Shape(components, recordClass.getDeclaredConstructor(types));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + recordClass, e);
      }
    }
  }
}
