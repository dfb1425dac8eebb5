package dev.referral.core.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.referral.core.Channel;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.RefundId;
import dev.referral.core.RewardId;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes the library's values as JSON and reads them back, driven by the record components of each
 * type, so that every event record and every value it contains has one fixed wire format:
 *
 * <ul>
 *   <li>a record is an object with one field per component, in declaration order; an empty {@code
 *       Optional} component is left out and reads back from a missing field or {@code null};
 *   <li>ids, codes, follow-up kinds and channels are plain strings;
 *   <li>events and incentives start with a {@code "type"} discriminator;
 *   <li>{@code BigDecimal} is a decimal string (exact), {@code Instant} is an ISO-8601 string,
 *       currencies are ISO 4217 codes, enums are constant names, sets are sorted arrays.
 * </ul>
 *
 * <p>The format does not depend on the mapper's configuration or on other modules registered with
 * it; only unknown fields follow {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}.
 *
 * <p>This class is threadsafe.
 */
final class JsonCodec {
  /** The discriminator field of events and incentives. */
  static final String TYPE = "type";

  private static final Map<Class<?>, Function<String, ?>> SCALARS =
      Map.of(
          EventId.class, EventId::new,
          LeadId.class, LeadId::new,
          ReferrerId.class, ReferrerId::new,
          RewardId.class, RewardId::new,
          OrderId.class, OrderId::new,
          RefundId.class, RefundId::new,
          FollowUpId.class, FollowUpId::new,
          ReferralCode.class, ReferralCode::new,
          FollowUpKind.class, FollowUpKind::new,
          Channel.class, Channel::new);

  private static final Map<String, Class<? extends Incentive>> INCENTIVES = incentives();

  private static final Map<String, EventType> EVENT_TYPES =
      Arrays.stream(EventType.values())
          .collect(Collectors.toUnmodifiableMap(EventType::name, t -> t));

  private static final List<String> EVENT_TYPE_NAMES =
      Arrays.stream(EventType.values()).map(EventType::name).toList();

  /** How much of a wrong value an error message quotes. */
  private static final int QUOTED = 60;

  private static final JsonCodec INSTANCE = new JsonCodec();

  private final Map<Class<?>, Shape> shapes;

  private JsonCodec() {
    Map<Class<?>, Shape> found = new HashMap<>();
    for (EventType type : EventType.values()) {
      learn(type.eventClass(), found);
    }
    for (Class<?> root : roots()) {
      learn(root, found);
    }
    this.shapes = Map.copyOf(found);
  }

  /** The one instance; building it checks that every event type has a JSON form. */
  static JsonCodec instance() {
    return INSTANCE;
  }

  /**
   * The value types, besides events, that have a JSON form of their own and that the module
   * registers.
   */
  static List<Class<?>> valueTypes() {
    List<Class<?>> types = new ArrayList<>(SCALARS.keySet());
    types.addAll(roots());
    types.add(Incentive.class);
    types.addAll(INCENTIVES.values());
    return List.copyOf(types);
  }

  private static List<Class<?>> roots() {
    return List.of(
        dev.referral.core.Money.class,
        dev.referral.core.Purchase.class,
        dev.referral.core.Refund.class,
        dev.referral.core.Rejection.class,
        dev.referral.core.Prospect.class);
  }

  private static Map<String, Class<? extends Incentive>> incentives() {
    // the names of the JSON rule format of referral-rules
    Map<String, Class<? extends Incentive>> names = new LinkedHashMap<>();
    names.put("percentDiscount", Incentive.PercentDiscount.class);
    names.put("credit", Incentive.FixedCredit.class);
    names.put("giftCard", Incentive.GiftCard.class);
    names.put("freeItem", Incentive.FreeItem.class);
    names.put("points", Incentive.Points.class);
    names.put("gift", Incentive.Gift.class);
    names.put("thankYou", Incentive.ThankYouNote.class);
    names.put("commission", Incentive.PartnerCommission.class);
    for (Class<?> permitted : Incentive.class.getPermittedSubclasses()) {
      if (!names.containsValue(permitted)) {
        throw new IllegalStateException("no JSON name for incentive " + permitted.getName());
      }
    }
    return Map.copyOf(names);
  }

  private static String incentiveName(Class<?> type) {
    for (Map.Entry<String, Class<? extends Incentive>> e : INCENTIVES.entrySet()) {
      if (e.getValue() == type) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("no JSON name for incentive " + type.getName());
  }

  private static void learn(Class<?> type, Map<Class<?>, Shape> found) {
    if (found.containsKey(type) || isLeaf(type)) {
      return;
    }
    if (SCALARS.containsKey(type)) {
      found.put(type, Shape.of(type)); // for the accessor of its one component
      return;
    }
    if (type == Incentive.class) {
      for (Class<? extends Incentive> incentive : INCENTIVES.values()) {
        learn(incentive, found);
      }
      return;
    }
    if (!type.isRecord()) {
      throw new IllegalStateException("no JSON form for " + type.getName());
    }
    Shape shape = Shape.of(type);
    if (!Incentive.class.isAssignableFrom(type)
        && shape.components().size() == 1
        && shape.components().get(0).valueType() == String.class) {
      // ids and names are strings on the wire; decide it for each new one
      throw new IllegalStateException(
          type.getName() + " wraps one string: add it to the scalars of " + JsonCodec.class);
    }
    found.put(type, shape);
    for (Component c : shape.components()) {
      if (c.name().equals(TYPE)) {
        throw new IllegalStateException(type.getName() + " has a component named " + TYPE);
      }
      learn(raw(c.valueType()), found);
      if (c.valueType() instanceof ParameterizedType p) {
        for (Type argument : p.getActualTypeArguments()) {
          learn(raw(argument), found);
        }
      }
    }
  }

  private static boolean isLeaf(Class<?> type) {
    return type == String.class
        || type == boolean.class
        || type == int.class
        || type == long.class
        || type == BigDecimal.class
        || type == Instant.class
        || type == Currency.class
        || type.isEnum()
        || type == Set.class;
  }

  // ---------------------------------------------------------------------------------- writing

  /** Writes {@code value}, an event or one of the {@link #valueTypes()}. */
  void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof BigDecimal d) {
      // plain notation keeps the scale exactly; a negative scale needs the exponent form
      json.writeString(d.scale() >= 0 ? d.toPlainString() : d.toString());
    } else if (value instanceof Instant instant) {
      json.writeString(Instants.format(instant));
    } else if (value instanceof Currency c) {
      json.writeString(c.getCurrencyCode());
    } else if (value instanceof Enum<?> e) {
      json.writeString(e.name());
    } else if (value instanceof Set<?> set) {
      json.writeStartArray();
      for (Object element : new TreeSet<>(set)) {
        writeValue(json, element);
      }
      json.writeEndArray();
    } else if (SCALARS.containsKey(value.getClass())) {
      json.writeString(String.valueOf(shape(value.getClass()).components().get(0).get(value)));
    } else {
      json.writeStartObject(value);
      writeObjectFields(json, value);
      json.writeEndObject();
    }
  }

  /** Whether {@code value} is written as a JSON string (an id, a code, a kind or a channel). */
  boolean isScalar(Object value) {
    return SCALARS.containsKey(value.getClass());
  }

  /**
   * Writes the fields of an event or of a value that is not {@linkplain #isScalar scalar}, its
   * {@code "type"} first where it has one, without the enclosing braces.
   */
  void writeObjectFields(JsonGenerator json, Object value) throws IOException {
    if (value instanceof ReferralEvent event) {
      json.writeStringField(TYPE, event.type().name());
    } else if (value instanceof Incentive) {
      json.writeStringField(TYPE, incentiveName(value.getClass()));
    }
    writeFields(json, shape(value.getClass()), value);
  }

  private void writeFields(JsonGenerator json, Shape shape, Object record) throws IOException {
    for (Component c : shape.components()) {
      Object value = c.get(record);
      if (value instanceof Optional<?> optional) {
        if (optional.isEmpty()) {
          continue;
        }
        value = optional.get();
      }
      json.writeFieldName(c.name());
      writeValue(json, value);
    }
  }

  private Shape shape(Class<?> type) {
    Shape shape = shapes.get(type);
    if (shape == null) {
      throw new IllegalArgumentException("no JSON form for " + type.getName());
    }
    return shape;
  }

  // ---------------------------------------------------------------------------------- reading

  /** Reads an event of any type from {@code node}, or of {@code expected} type if not null. */
  ReferralEvent readEvent(JsonNode node, @Nullable EventType expected, DeserializationContext ctxt)
      throws IOException {
    String where = expected == null ? "event" : expected.name() + " event";
    if (!node.isObject()) {
      throw mismatch(
          ctxt, ReferralEvent.class, where + ": expected a JSON object but was " + kind(node));
    }
    JsonNode typeNode = node.get(TYPE);
    if (typeNode == null || typeNode.isNull()) {
      throw mismatch(
          ctxt,
          ReferralEvent.class,
          where + ": missing required field '" + TYPE + "'; expected one of " + EVENT_TYPE_NAMES);
    }
    String typeName = typeNode.asText();
    EventType type = typeNode.isTextual() ? EVENT_TYPES.get(typeName) : null;
    if (type == null) {
      throw InvalidTypeIdException.from(
          ctxt.getParser(),
          "unknown event type '"
              + abbreviate(typeNode.asText())
              + "'; expected one of "
              + EVENT_TYPE_NAMES,
          ctxt.constructType(ReferralEvent.class),
          typeName);
    }
    if (expected != null && type != expected) {
      throw InvalidTypeIdException.from(
          ctxt.getParser(),
          "expected event type " + expected + " but was " + type,
          ctxt.constructType(expected.eventClass()),
          typeName);
    }
    return (ReferralEvent) readRecord(node, shape(type.eventClass()), type + " event", "", ctxt);
  }

  /** Reads a value of {@code type}, one of the {@link #valueTypes()}, from {@code node}. */
  <T> T readValue(JsonNode node, Class<T> type, DeserializationContext ctxt) throws IOException {
    Object value = read(node, type, type.getSimpleName(), "", ctxt);
    if (!type.isInstance(value)) {
      throw mismatch(ctxt, type, type.getSimpleName() + ": expected a " + type.getSimpleName());
    }
    return type.cast(value);
  }

  private Object read(
      JsonNode node, Type type, String where, String path, DeserializationContext ctxt)
      throws IOException {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return text(node, raw, "a string", where, path, ctxt);
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!node.isBoolean()) {
        throw wrongType(ctxt, raw, "true or false", node, where, path);
      }
      return node.booleanValue();
    } else if (raw == int.class || raw == Integer.class) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw wrongType(ctxt, raw, "a 32-bit integer", node, where, path);
      }
      return node.intValue();
    } else if (raw == long.class || raw == Long.class) {
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw wrongType(ctxt, raw, "a 64-bit integer", node, where, path);
      }
      return node.longValue();
    } else if (raw == BigDecimal.class) {
      String text = text(node, raw, "a decimal string", where, path, ctxt);
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw invalid(ctxt, raw, text, "is not a decimal number", where, path);
      }
    } else if (raw == Instant.class) {
      String text = text(node, raw, "an ISO-8601 instant string", where, path, ctxt);
      try {
        return Instants.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(ctxt, raw, text, "is not an ISO-8601 instant", where, path);
      }
    } else if (raw == Currency.class) {
      String text = text(node, raw, "an ISO 4217 currency code", where, path, ctxt);
      try {
        return Currency.getInstance(text);
      } catch (IllegalArgumentException e) {
        throw invalid(ctxt, raw, text, "is not an ISO 4217 currency code", where, path);
      }
    } else if (raw.isEnum()) {
      String text = text(node, raw, "a constant name", where, path, ctxt);
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(text)) {
          return constant;
        }
      }
      throw invalid(
          ctxt, raw, text, "is not one of " + Arrays.toString(raw.getEnumConstants()), where, path);
    } else if (raw == Set.class) {
      return readSet(node, type, where, path, ctxt);
    } else if (SCALARS.containsKey(raw)) {
      String text = text(node, raw, "a string", where, path, ctxt);
      try {
        return SCALARS.get(raw).apply(text);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw invalid(ctxt, raw, text, "is invalid: " + e.getMessage(), where, path);
      }
    } else if (Incentive.class.isAssignableFrom(raw)) {
      return readIncentive(node, raw, where, path, ctxt);
    }
    return readRecord(node, shape(raw), where, path, ctxt);
  }

  private Set<?> readSet(
      JsonNode node, Type type, String where, String path, DeserializationContext ctxt)
      throws IOException {
    if (!node.isArray()) {
      throw wrongType(ctxt, Set.class, "an array", node, where, path);
    }
    Type elementType = ((ParameterizedType) type).getActualTypeArguments()[0];
    List<Object> elements = new ArrayList<>();
    int i = 0;
    for (JsonNode element : node) {
      elements.add(read(element, elementType, where, path + "[" + i++ + "]", ctxt));
    }
    return Set.copyOf(elements);
  }

  /** Reads an incentive of the kind its type names, which must be an {@code expected}. */
  private Object readIncentive(
      JsonNode node, Class<?> expected, String where, String path, DeserializationContext ctxt)
      throws IOException {
    if (!node.isObject()) {
      throw wrongType(ctxt, Incentive.class, "an object", node, where, path);
    }
    JsonNode typeNode = node.get(TYPE);
    if (typeNode == null || typeNode.isNull()) {
      throw missing(ctxt, Incentive.class, where, child(path, TYPE));
    }
    Class<? extends Incentive> type = INCENTIVES.get(typeNode.asText());
    if (type == null || !typeNode.isTextual()) {
      throw InvalidTypeIdException.from(
          ctxt.getParser(),
          where
              + ": unknown incentive type '"
              + abbreviate(typeNode.asText())
              + "' at '"
              + child(path, TYPE)
              + "'; expected one of "
              + INCENTIVES.keySet().stream().sorted().toList(),
          ctxt.constructType(Incentive.class),
          typeNode.asText());
    }
    if (!expected.isAssignableFrom(type)) {
      throw InvalidTypeIdException.from(
          ctxt.getParser(),
          where
              + ": expected incentive type '"
              + incentiveName(expected)
              + "' but was '"
              + typeNode.asText()
              + "' at '"
              + child(path, TYPE)
              + "'",
          ctxt.constructType(expected),
          typeNode.asText());
    }
    return readRecord(node, shape(type), where, path, ctxt);
  }

  private Object readRecord(
      JsonNode node, Shape shape, String where, String path, DeserializationContext ctxt)
      throws IOException {
    if (!node.isObject()) {
      throw wrongType(ctxt, shape.type(), "an object", node, where, path);
    }
    if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!shape.names().contains(name) && !(name.equals(TYPE) && hasType(shape.type()))) {
          throw new UnrecognizedPropertyException(
              ctxt.getParser(),
              where + ": unknown field '" + child(path, name) + "'; known: " + shape.names(),
              ctxt.getParser().currentLocation(),
              shape.type(),
              name,
              List.<Object>copyOf(shape.names()));
        }
      }
    }
    Object[] args = new Object[shape.components().size()];
    for (int i = 0; i < args.length; i++) {
      Component c = shape.components().get(i);
      JsonNode field = node.get(c.name());
      String fieldPath = child(path, c.name());
      if (field == null || field.isNull()) {
        if (!c.optional()) {
          throw missing(ctxt, shape.type(), where, fieldPath);
        }
        args[i] = Optional.empty();
      } else {
        Object value = read(field, c.valueType(), where, fieldPath, ctxt);
        args[i] = c.optional() ? Optional.of(value) : value;
      }
    }
    try {
      return shape.constructor().newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      String at = path.isEmpty() ? "" : " at '" + path + "'";
      throw ValueInstantiationException.from(
          ctxt.getParser(),
          where + ": invalid " + shape.type().getSimpleName() + at + ": " + cause.getMessage(),
          ctxt.constructType(shape.type()),
          cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + shape.type().getName(), e);
    }
  }

  private static boolean hasType(Class<?> type) {
    return ReferralEvent.class.isAssignableFrom(type) || Incentive.class.isAssignableFrom(type);
  }

  private static String text(
      JsonNode node,
      Class<?> raw,
      String expected,
      String where,
      String path,
      DeserializationContext ctxt)
      throws IOException {
    if (!node.isTextual()) {
      throw wrongType(ctxt, raw, expected, node, where, path);
    }
    return node.textValue();
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + abbreviate(node.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
  }

  private static JsonMappingException mismatch(
      DeserializationContext ctxt, Class<?> type, String message) {
    return MismatchedInputException.from(ctxt.getParser(), type, message);
  }

  private static JsonMappingException missing(
      DeserializationContext ctxt, Class<?> type, String where, String path) {
    return mismatch(ctxt, type, where + ": missing required field '" + path + "'");
  }

  private static JsonMappingException wrongType(
      DeserializationContext ctxt,
      Class<?> type,
      String expected,
      JsonNode node,
      String where,
      String path) {
    return mismatch(
        ctxt,
        type,
        where + ": field '" + path + "' must be " + expected + " but was " + kind(node));
  }

  private static JsonMappingException invalid(
      DeserializationContext ctxt,
      Class<?> type,
      String text,
      String reason,
      String where,
      String path) {
    return InvalidFormatException.from(
        ctxt.getParser(),
        where + ": field '" + path + "': '" + abbreviate(text) + "' " + reason,
        text,
        type);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("no JSON form for " + type);
  }

  /** A record's components and canonical constructor. */
  private record Shape(
      Class<?> type, List<Component> components, List<String> names, Constructor<?> constructor) {
    static Shape of(Class<?> type) {
      RecordComponent[] rc = type.getRecordComponents();
      List<Component> components = new ArrayList<>();
      Class<?>[] parameterTypes = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        components.add(Component.of(rc[i]));
        parameterTypes[i] = rc[i].getType();
      }
      try {
        return new Shape(
            type,
            List.copyOf(components),
            components.stream().map(Component::name).toList(),
            type.getConstructor(parameterTypes));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no public canonical constructor in " + type.getName(), e);
      }
    }
  }

  /**
   * One record component.
   *
   * @param valueType the component's type, or the element type of an {@code Optional}
   */
  private record Component(String name, Method accessor, Type valueType, boolean optional) {
    static Component of(RecordComponent rc) {
      Type type = rc.getGenericType();
      boolean optional = rc.getType() == Optional.class;
      if (optional) {
        type = ((ParameterizedType) type).getActualTypeArguments()[0];
      }
      Method accessor = rc.getAccessor();
      // as the store's RecordJson does: no access check on every call (a slow one when the
      // records read in turn are of different classes)
      accessor.setAccessible(true);
      return new Component(rc.getName(), accessor, type, optional);
    }

    Object get(Object record) {
      try {
        return accessor.invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + name + " of " + record.getClass(), e);
      }
    }
  }
}
