package dev.referral.core.store.jdbc.internal;

import java.util.List;
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

  /** The most texts of several statements kept; others are built each time. */
  private static final int KEPT_TEXTS = 1024;

  private final Map<List<String>, String> expandedAll = new ConcurrentHashMap<>();

  /**
   * {@code statements} expanded and joined into one text, one statement a line: kept, so that the
   * same flush gets the same string (hashed once) from here and the driver's statement cache.
   */
  public String expandAll(List<String> statements) {
    String known = expandedAll.get(statements);
    if (known != null) {
      return known;
    }
    StringBuilder text = new StringBuilder();
    for (String statement : statements) {
      text.append(text.length() == 0 ? "" : ";\n").append(expand(statement));
    }
    String joined = text.toString();
    if (expandedAll.size() < KEPT_TEXTS) {
      expandedAll.putIfAbsent(List.copyOf(statements), joined);
    }
    return joined;
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
