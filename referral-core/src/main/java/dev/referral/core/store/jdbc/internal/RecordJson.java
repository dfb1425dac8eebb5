package dev.referral.core.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.referral.core.json.internal.Instants;
import dev.referral.core.spi.StoreException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes the library's records as JSON documents and reads them back, by their record components:
 * the stored form of referrers, leads, orders, rewards, follow-ups and decision failures. Optional
 * values are {@code null} when empty; times, amounts and currencies are strings; a member of a
 * sealed family carries its simple class name in {@code "@type"}, its first field. No annotation on
 * the records is needed. Documents are written and read as token streams, without a tree in
 * between; each record class's components, accessors and constructor are looked up once.
 *
 * <p>This class is thread-safe.
 */
public final class RecordJson {

  private static final String TYPE = "@type";
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<Class<?>, Map<String, Class<?>>> families = new ConcurrentHashMap<>();

  /** A codec with empty caches. */
  public RecordJson() {}

  /**
   * {@code value}, a record or a member of a sealed family of records, as JSON text to be read back
   * as {@code type}.
   */
  public String write(Object value, Class<?> type) {
    TextBuffer text = TextBuffer.get();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      write(out, value, type);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
    return text.take();
  }

  /** The value of type {@code type} read from JSON text written by {@link #write}. */
  public <T> T read(String json, Class<T> type) {
    try (JsonParser in = FACTORY.createParser(json)) {
      in.nextToken();
      return type.cast(read(in, type));
    } catch (IOException | RuntimeException e) {
      throw new StoreException("cannot read a stored " + type.getSimpleName() + ": " + e, e);
    }
  }

  private void write(JsonGenerator out, @Nullable Object value, Type type) throws IOException {
    if (value instanceof Optional<?> optional) {
      if (optional.isEmpty()) {
        out.writeNull();
      } else {
        write(out, optional.get(), typeArg(type, 0));
      }
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer i) {
      out.writeNumber(i);
    } else if (value instanceof Long l) {
      out.writeNumber(l);
    } else if (value instanceof Collection<?> collection) {
      out.writeStartArray();
      Type element = typeArg(type, 0);
      for (Object e : collection) {
        write(out, e, element);
      }
      out.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      Type valueType = typeArg(type, 1);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName(text(e.getKey()));
        write(out, e.getValue(), valueType);
      }
      out.writeEndObject();
    } else if (value instanceof Record record) {
      Shape shape = shape(record.getClass());
      out.writeStartObject();
      if (rawClass(type) != record.getClass()) {
        out.writeStringField(TYPE, record.getClass().getSimpleName());
      }
      for (Component c : shape.components) {
        out.writeFieldName(c.name);
        write(out, c.get(record), c.type);
      }
      out.writeEndObject();
    } else if (value != null) {
      out.writeString(text(value));
    } else {
      throw new IllegalArgumentException("cannot write null");
    }
  }

  /** The text of a scalar value: a string, or a map key. */
  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Instant instant) {
      return Instants.format(instant);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Currency c) {
      return c.getCurrencyCode();
    }
    if (value instanceof Duration
        || value instanceof LocalDate
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long) {
      return value.toString();
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
  }

  /** Reads the value at the parser's current token, leaving the parser on its last token. */
  private Object read(JsonParser in, Type type) throws IOException {
    Class<?> raw = rawClass(type);
    JsonToken token = in.currentToken();
    if (raw == Optional.class) {
      return token == null || token == JsonToken.VALUE_NULL
          ? Optional.empty()
          : Optional.of(read(in, typeArg(type, 0)));
    }
    if (token == null || token == JsonToken.VALUE_NULL) {
      throw new IllegalArgumentException("missing " + raw.getSimpleName());
    }
    if (token == JsonToken.START_ARRAY) {
      return readCollection(in, type, raw);
    }
    if (token == JsonToken.START_OBJECT) {
      return Map.class.isAssignableFrom(raw) ? readMap(in, type) : readRecord(in, raw);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return in.getValueAsBoolean();
    }
    if (raw == int.class || raw == Integer.class) {
      return in.getValueAsInt();
    }
    if (raw == long.class || raw == Long.class) {
      return in.getValueAsLong();
    }
    return scalar(in.getText(), raw);
  }

  /** The value of type {@code raw} written as {@code text}. */
  private static Object scalar(String text, Class<?> raw) {
    if (raw == String.class) {
      return text;
    }
    if (raw == Instant.class) {
      return Instants.parse(text);
    }
    if (raw == BigDecimal.class) {
      return new BigDecimal(text);
    }
    if (raw == Currency.class) {
      return Currency.getInstance(text);
    }
    if (raw.isEnum()) {
      return enumConstant(raw, text);
    }
    if (raw == Duration.class) {
      return Duration.parse(text);
    }
    if (raw == LocalDate.class) {
      return LocalDate.parse(text);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return Boolean.parseBoolean(text);
    }
    if (raw == int.class || raw == Integer.class) {
      return Integer.parseInt(text);
    }
    if (raw == long.class || raw == Long.class) {
      return Long.parseLong(text);
    }
    throw new IllegalArgumentException("cannot read a " + raw.getName());
  }

  private Object readCollection(JsonParser in, Type type, Class<?> raw) throws IOException {
    if (!List.class.isAssignableFrom(raw) && !Set.class.isAssignableFrom(raw)) {
      throw new IllegalArgumentException("cannot read a " + raw.getName() + " from an array");
    }
    Type element = typeArg(type, 0);
    Collection<Object> values = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      values.add(read(in, element));
    }
    return raw == Set.class ? Set.copyOf(values) : List.copyOf(values);
  }

  private Object readMap(JsonParser in, Type type) throws IOException {
    Class<?> keyType = rawClass(typeArg(type, 0));
    Type valueType = typeArg(type, 1);
    Map<Object, Object> values = new LinkedHashMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      Object key = scalar(in.currentName(), keyType);
      in.nextToken();
      values.put(key, read(in, valueType));
    }
    return Map.copyOf(values);
  }

  private Object readRecord(JsonParser in, Class<?> raw) throws IOException {
    JsonToken token = in.nextToken();
    Class<?> concrete = raw;
    if (raw.isInterface() && raw.isSealed()) {
      String name = "";
      if (token == JsonToken.FIELD_NAME && TYPE.equals(in.currentName())) {
        in.nextToken();
        name = in.getText();
        token = in.nextToken();
      }
      concrete = member(raw, name);
    }
    if (!concrete.isRecord()) {
      throw new IllegalArgumentException("cannot read a " + concrete.getName());
    }
    Shape shape = shape(concrete);
    Object[] args = new Object[shape.components.length];
    boolean[] seen = new boolean[args.length];
    for (; token == JsonToken.FIELD_NAME; token = in.nextToken()) {
      Integer index = shape.indexes.get(in.currentName());
      in.nextToken();
      if (index == null) {
        in.skipChildren();
      } else {
        args[index] = read(in, shape.components[index].type);
        seen[index] = true;
      }
    }
    for (int i = 0; i < args.length; i++) {
      if (!seen[i]) {
        Component c = shape.components[i];
        if (rawClass(c.type) != Optional.class) {
          throw new IllegalArgumentException("missing " + rawClass(c.type).getSimpleName());
        }
        args[i] = Optional.empty();
      }
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
    Shape shape = shapes.get(recordClass);
    return shape != null ? shape : shapes.computeIfAbsent(recordClass, Shape::of);
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

  private static final Object[] NO_ARGUMENTS = {};

  /** A record component: its name, declared type and accessor. */
  private record Component(String name, Type type, Method accessor) {
    Object get(Record record) {
      try {
        return accessor.invoke(record, NO_ARGUMENTS);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + name, e);
      }
    }
  }

  /** A record class's components, their indexes by name, and its canonical constructor. */
  private record Shape(
      Component[] components, Map<String, Integer> indexes, Constructor<?> constructor) {
    static Shape of(Class<?> recordClass) {
      RecordComponent[] declared = recordClass.getRecordComponents();
      Component[] components = new Component[declared.length];
      Map<String, Integer> indexes = new HashMap<>();
      Class<?>[] types = new Class<?>[declared.length];
      for (int i = 0; i < declared.length; i++) {
        Method accessor = declared[i].getAccessor();
        accessor.setAccessible(true);
        components[i] =
            new Component(declared[i].getName(), declared[i].getGenericType(), accessor);
        indexes.put(declared[i].getName(), i);
        types[i] = declared[i].getType();
      }
      try {
        Constructor<?> constructor = recordClass.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(components, Map.copyOf(indexes), constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + recordClass, e);
      }
    }
  }
}
