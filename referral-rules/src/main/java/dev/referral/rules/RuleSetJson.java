package dev.referral.rules;

import dev.referral.rules.internal.RuleSetReader;
import dev.referral.rules.internal.RuleSetWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes rule files: JSON documents of the format described by the JSON Schema at {@link
 * #SCHEMA_RESOURCE}. Reading is strict: malformed JSON, unknown or duplicate keys, unknown facts,
 * operators or constants, values of the wrong type and values the model rejects all throw one
 * exception type, {@link RuleDefinitionException}, naming the file, the JSON pointer, the line and
 * the column. A written rule set reads back equal.
 *
 * <p>This class is thread-safe.
 */
public final class RuleSetJson {

  /** The class-path resource of the rule files' JSON Schema. */
  public static final String SCHEMA_RESOURCE = "/dev/referral/rules/rule-set.schema.json";

  private RuleSetJson() {}

  /**
   * Reads the rule file at {@code file}, UTF-8 encoded.
   *
   * @throws RuleDefinitionException if it is not a valid rule set; it names the file
   * @throws UncheckedIOException if the file cannot be read
   */
  public static RuleSet read(Path file) {
    Objects.requireNonNull(file, "file");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return RuleSetReader.read(file.toString(), reader);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read rule file " + file, e);
    }
  }

  /**
   * Reads a rule set from {@code json}; {@code sourceName} names it in errors.
   *
   * @throws RuleDefinitionException if it is not a valid rule set
   */
  public static RuleSet read(String sourceName, String json) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(json, "json");
    return RuleSetReader.read(sourceName, new StringReader(json));
  }

  /**
   * Reads a rule set from {@code reader}, which is not closed; {@code sourceName} names it in
   * errors.
   *
   * @throws RuleDefinitionException if it is not a valid rule set or cannot be read
   */
  public static RuleSet read(String sourceName, Reader reader) {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(reader, "reader");
    return RuleSetReader.read(sourceName, reader);
  }

  /**
   * The rule file of {@code ruleSet}, pretty-printed.
   *
   * @throws IllegalArgumentException if a rule has a {@link Condition.Custom} condition: a Java
   *     lambda cannot be written to a file
   */
  public static String write(RuleSet ruleSet) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    return RuleSetWriter.write(ruleSet);
  }

  /**
   * Writes the rule file of {@code ruleSet} to {@code file}, UTF-8 encoded.
   *
   * @throws IllegalArgumentException if a rule has a {@link Condition.Custom} condition
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(RuleSet ruleSet, Path file) {
    Objects.requireNonNull(file, "file");
    String json = write(ruleSet);
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write rule file " + file, e);
    }
  }
}
