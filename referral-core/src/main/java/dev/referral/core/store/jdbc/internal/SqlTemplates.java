package dev.referral.core.store.jdbc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code {table}} in SQL templates to the prefixed table name, once per template.
 *
 * <p>This class is thread-safe.
 */
public final class SqlTemplates {

  /** The prefix of the table names in the shipped schema scripts. */
  public static final String SCRIPT_PREFIX = "referral_";

  private static final Pattern TABLE = Pattern.compile("\\{([a-z_]+)}");

  private final String prefix;
  private final Dialect dialect;
  private final Map<String, String> expanded = new ConcurrentHashMap<>();

  /** Templates for tables named {@code prefix + name} in {@code dialect}. */
  public SqlTemplates(String prefix, Dialect dialect) {
    this.prefix = prefix;
    this.dialect = dialect;
  }

  /** The SQL dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** The table prefix. */
  public String prefix() {
    return prefix;
  }

  /** {@code template} with every {@code {name}} replaced by the prefixed table name. */
  public String expand(String template) {
    return expanded.computeIfAbsent(
        template,
        t -> {
          Matcher m = TABLE.matcher(t);
          return m.replaceAll(r -> Matcher.quoteReplacement(prefix + r.group(1)));
        });
  }
}
