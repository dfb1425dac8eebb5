package dev.referral.rules.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.referral.rules.RuleDefinitionException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document read with Jackson's streaming parser into a small tree that remembers, for every
 * value, its JSON pointer, line and column. Duplicate keys and content after the document are
 * errors. Every failure is a {@link RuleDefinitionException}.
 */
final class JsonTree {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  /** The kinds of JSON values. */
  enum Kind {
    OBJECT("an object"),
    ARRAY("an array"),
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    NULL("null");

    final String article;

    Kind(String article) {
      this.article = article;
    }
  }

  /** A value and where it is. */
  static final class Value {
    final Kind kind;
    final String pointer;
    final int line;
    final int column;
    final @Nullable String text;
    final @Nullable BigDecimal number;
    final boolean integral;
    final boolean bool;
    final Map<String, Value> members;
    final List<Value> items;

    private Value(
        Kind kind,
        String pointer,
        JsonLocation at,
        @Nullable String text,
        @Nullable BigDecimal number,
        boolean integral,
        boolean bool) {
      this.kind = kind;
      this.pointer = pointer;
      this.line = Math.max(0, at.getLineNr());
      this.column = Math.max(0, at.getColumnNr());
      this.text = text;
      this.number = number;
      this.integral = integral;
      this.bool = bool;
      this.members = kind == Kind.OBJECT ? new LinkedHashMap<>() : Map.of();
      this.items = kind == Kind.ARRAY ? new ArrayList<>() : List.of();
    }
  }

  private final String source;
  private String pointer = "";

  private JsonTree(String source) {
    this.source = source;
  }

  /** Reads one JSON document from {@code reader}. */
  static Value parse(String source, Reader reader) {
    JsonTree tree = new JsonTree(source);
    try (JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw tree.error(parser.currentTokenLocation(), "the document is empty");
      }
      Value root = tree.value(parser, "");
      tree.pointer = "";
      if (parser.nextToken() != null) {
        throw tree.error(
            parser.currentTokenLocation(), "unexpected content after the end of the document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new RuleDefinitionException(
          source,
          tree.pointer,
          at == null ? 0 : Math.max(0, at.getLineNr()),
          at == null ? 0 : Math.max(0, at.getColumnNr()),
          "malformed JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new RuleDefinitionException(
          source, tree.pointer, 0, 0, "could not read the document: " + e.getMessage(), e);
    }
  }

  private Value value(JsonParser parser, String at) throws IOException {
    pointer = at;
    JsonLocation location = parser.currentTokenLocation();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Value object = new Value(Kind.OBJECT, at, location, null, null, false, false);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String child = at + "/" + escape(key);
          pointer = child;
          if (object.members.containsKey(key)) {
            throw error(parser.currentTokenLocation(), "duplicate key '" + key + "'");
          }
          parser.nextToken();
          object.members.put(key, value(parser, child));
        }
        return object;
      }
      case START_ARRAY -> {
        Value array = new Value(Kind.ARRAY, at, location, null, null, false, false);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.items.add(value(parser, at + "/" + array.items.size()));
        }
        return array;
      }
      case VALUE_STRING -> {
        return new Value(Kind.STRING, at, location, parser.getText(), null, false, false);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        BigDecimal number;
        try {
          number = parser.getDecimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
          throw error(location, "number out of range: " + parser.getText());
        }
        return new Value(
            Kind.NUMBER, at, location, null, number, token == JsonToken.VALUE_NUMBER_INT, false);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Value(
            Kind.BOOLEAN, at, location, null, null, false, token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return new Value(Kind.NULL, at, location, null, null, false, false);
      }
      default -> throw error(location, "unexpected " + token);
    }
  }

  private RuleDefinitionException error(JsonLocation at, String problem) {
    return new RuleDefinitionException(
        source, pointer, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), problem);
  }

  /** Escapes a key for a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
