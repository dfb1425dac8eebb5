package dev.referral.core.store.jdbc.internal;

import dev.referral.core.UnknownIdException;
import dev.referral.core.internal.StoreConflicts;
import dev.referral.core.json.internal.Instants;
import dev.referral.core.spi.StoreConflictException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one transaction that nothing has read yet, per group of tables. A read flushes the
 * writes of the tables it reads, and the transaction flushes everything before it commits, so every
 * read sees the transaction's own writes. Flushing runs consecutive writes with the same SQL as one
 * JDBC batch: the cancelled follow-ups or the events of a command cost one round trip, not one
 * each. On PostgreSQL, consecutive plain inserts into one table go as one multi-row {@code INSERT}
 * instead, which the server runs once rather than once per row. Errors (a taken key, a stale
 * version) surface at the flush, still inside the transaction. Not thread-safe.
 */
public final class WriteBuffer {

  /** Tables that are read together; a read flushes its group. */
  public enum Group {
    /** Referrers and their codes. */
    REFERRERS,
    /** Leads, their identity keys and the keys they hold. */
    LEADS,
    /** Orders. */
    ORDERS,
    /** Rewards and the program ledger. */
    REWARDS,
    /** The follow-up schedule. */
    FOLLOW_UPS,
    /** The event log. */
    EVENTS,
    /** Decision failures. */
    FAILURES,
    /**
     * Additions to ledger rows (the program's budget counters): they commute, so the additions to a
     * row are summed into one write, the rows are written in key order (the same lock order in
     * every transaction) and last, which keeps a busy row locked for the shortest time.
     */
    LEDGER
  }

  /** An update that must change exactly one row: the stored version was one lower. */
  record Versioned(String table, String idColumn, String kind, Object id, long version) {}

  private record Write(
      String template,
      Object[] params,
      String key,
      @Nullable Function<SQLException, RuntimeException> onDuplicate,
      @Nullable Versioned versioned) {}

  /** The multi-row form of each insert template, if it has one. */
  private static final Map<String, Optional<MultiRow>> MULTI_ROW = new ConcurrentHashMap<>();

  private final SqlSession sql;
  private final Map<Group, List<Write>> pending = new EnumMap<>(Group.class);
  private final Map<String, LedgerChange> ledger = new TreeMap<>();

  /** The sum of the additions to one ledger row. */
  private static final class LedgerChange {
    private long count;
    private BigDecimal amount = BigDecimal.ZERO;
  }

  /** A buffer writing through {@code sql}. */
  public WriteBuffer(SqlSession sql) {
    this.sql = sql;
  }

  /**
   * Queues a write; a unique-key violation when it runs becomes {@code onDuplicate}'s exception.
   * {@code key} is the key the write claims, to tell which write of a batch was refused.
   */
  public void write(
      Group group,
      String template,
      String key,
      @Nullable Function<SQLException, RuntimeException> onDuplicate,
      Object... params) {
    pending
        .computeIfAbsent(group, g -> new ArrayList<>())
        .add(new Write(template, params, key, onDuplicate, null));
  }

  /**
   * Queues {@code UPDATE table SET version = ?, <set> WHERE idColumn = ? AND version = ?}: when it
   * changes no row, the flush throws {@link UnknownIdException} or {@link StoreConflictException}.
   */
  public void updateVersioned(
      String table,
      String idColumn,
      String kind,
      Object id,
      long version,
      String set,
      Object... setParams) {
    updateVersionedThen(table, idColumn, kind, id, version, set, setParams, null, null);
  }

  /**
   * As {@link #updateVersioned(String, String, String, Object, long, String, Object...)}, then, in
   * the same statement (PostgreSQL only), {@code then} unless null: a write from the updated row,
   * which a common table expression {@code u} holds with the columns {@code returning}. The
   * statement counts the rows {@code then} writes, one for the updated row, else none: it must
   * write one row for each row of {@code u}. {@code thenParams} follow the update's parameters.
   */
  public void updateVersionedThen(
      String table,
      String idColumn,
      String kind,
      Object id,
      long version,
      String set,
      Object[] setParams,
      @Nullable String returning,
      @Nullable String then,
      Object... thenParams) {
    Object[] params = new Object[setParams.length + 3 + thenParams.length];
    params[0] = version;
    System.arraycopy(setParams, 0, params, 1, setParams.length);
    params[setParams.length + 1] = id.toString();
    params[setParams.length + 2] = version - 1;
    System.arraycopy(thenParams, 0, params, setParams.length + 3, thenParams.length);
    Group group =
        switch (table) {
          case "referrer" -> Group.REFERRERS;
          case "lead" -> Group.LEADS;
          case "order_record" -> Group.ORDERS;
          case "follow_up" -> Group.FOLLOW_UPS;
          case "decision_failure" -> Group.FAILURES;
          default -> throw new IllegalArgumentException("no versioned table " + table);
        };
    String template =
        "UPDATE {"
            + table
            + "} SET version = ?, "
            + set
            + " WHERE "
            + idColumn
            + " = ? AND version = ?";
    if (then != null) {
      template = "WITH u AS (" + template + " RETURNING " + returning + ") " + then;
    }
    pending
        .computeIfAbsent(group, g -> new ArrayList<>())
        .add(
            new Write(
                template,
                params,
                id.toString(),
                null,
                new Versioned(table, idColumn, kind, id, version)));
  }

  /**
   * Queues an addition of {@code count} and {@code amount} to ledger row {@code name} (group {@link
   * Group#LEDGER}); {@code sql} adds them, creating the row if needed (parameters: name, count,
   * amount).
   */
  public void addToLedger(String sql, String name, long count, BigDecimal amount) {
    ledgerSql = sql;
    LedgerChange change = ledger.computeIfAbsent(name, n -> new LedgerChange());
    change.count += count;
    change.amount = change.amount.add(amount);
  }

  private @Nullable String ledgerSql;

  /** Runs the queued writes of {@code group}, then returns the session for a read of it. */
  public SqlSession flush(Group group) {
    if (sql.dialect() == Dialect.POSTGRESQL) {
      List<Step> steps = new ArrayList<>();
      collect(group, steps);
      execute(steps);
      return sql;
    }
    if (group == Group.LEDGER) {
      return flushLedger();
    }
    List<Write> writes = pending.remove(group);
    if (writes == null) {
      return sql;
    }
    int start = 0;
    while (start < writes.size()) {
      int end = start + 1;
      while (end < writes.size() && writes.get(end).template.equals(writes.get(start).template)) {
        end++;
      }
      run(writes.subList(start, end));
      start = end;
    }
    return sql;
  }

  /** The queued ledger additions, one row each in key order, and forgets them. */
  private List<Object[]> ledgerRows() {
    List<Object[]> rows = new ArrayList<>(ledger.size());
    ledger.forEach(
        (name, change) -> {
          if (change.count != 0 || change.amount.signum() != 0) {
            rows.add(new Object[] {name, change.count, change.amount});
          }
        });
    ledger.clear();
    return rows;
  }

  private SqlSession flushLedger() {
    List<Object[]> rows = ledgerRows();
    if (!rows.isEmpty()) {
      sql.batch(Objects.requireNonNull(ledgerSql, "ledgerSql"), rows, null);
    }
    return sql;
  }

  /** Runs every queued write. */
  public void flushAll() {
    flushAll(null);
  }

  /**
   * Runs every queued write, then {@code epilogue} (a statement without parameters) if anything
   * went to the database in this transaction: on PostgreSQL in the same round trip as the writes.
   */
  public void flushAll(@Nullable String epilogue) {
    if (sql.dialect() == Dialect.POSTGRESQL) {
      List<Step> steps = new ArrayList<>();
      for (Group group : Group.values()) {
        collect(group, steps);
      }
      if (epilogue != null && (!steps.isEmpty() || sql.prologueSent())) {
        steps.add(new Step(epilogue, new Object[0], List.of(), null));
      }
      execute(steps);
      return;
    }
    for (Group group : Group.values()) {
      flush(group);
    }
    if (epilogue != null && sql.prologueSent()) {
      sql.update(epilogue);
    }
  }

  /**
   * One statement of a PostgreSQL flush: the writes it runs, and whether it must change exactly one
   * row (a versioned update, {@code versioned} set).
   */
  private record Step(
      String template, Object[] params, List<Write> writes, @Nullable Versioned versioned) {}

  /**
   * Versioned updates of several rows of one table as one statement: {@code UPDATE t SET c = v.c
   * FROM (VALUES (...), ...) v WHERE t.id = v.id AND t.version = v.prev}. The parameters are cast
   * to their columns' types, from the Java values bound; times go as text (a typed parameter, see
   * {@link #castParams}). The texts are kept per template, row count and parameter types.
   */
  static final class MultiRowUpdate {
    /** Rows per statement: well under PostgreSQL's 32,767 parameters for any table here. */
    static final int MAX_ROWS = 1000;

    /** The most texts kept; others are built each time. */
    private static final int KEPT_TEXTS = 1024;

    /** A text's key: the single-row template, and the SQL type of each parameter, row by row. */
    private record Key(String template, String types) {}

    private static final Map<Key, String> TEXTS = new ConcurrentHashMap<>();

    private MultiRowUpdate() {}

    static Step step(List<Write> rows) {
      Write first = rows.get(0);
      Versioned v = Objects.requireNonNull(first.versioned);
      String template = first.template;
      int width = first.params.length; // the set columns, then id and the previous version
      Object[] params = new Object[rows.size() * width];
      for (int r = 0; r < rows.size(); r++) {
        Object[] row = rows.get(r).params;
        if (row.length != width || !rows.get(r).template.equals(template)) {
          throw new IllegalStateException("rows of different updates in one statement");
        }
        System.arraycopy(row, 0, params, r * width, width);
      }
      String sql = text(template, v, width, params);
      castParams(params);
      return new Step(sql, params, rows, null);
    }

    /**
     * The statement for rows of {@code template} with the parameters {@code params} ({@code width}
     * a row, before {@link #castParams}), kept per template and parameter types.
     */
    static String text(String template, Versioned v, int width, Object[] params) {
      char[] codes = new char[params.length];
      for (int i = 0; i < params.length; i++) {
        codes[i] = typeCode(params[i]);
      }
      String types = new String(codes);
      Key key = new Key(template, types);
      String known = TEXTS.get(key);
      if (known != null) {
        return known;
      }
      String built = build(template, v, width, types);
      if (TEXTS.size() < KEPT_TEXTS) {
        TEXTS.putIfAbsent(key, built);
      }
      return built;
    }

    /** Builds the statement; {@code types} has a {@link #typeCode} per parameter. */
    private static String build(String template, Versioned v, int width, String types) {
      // UPDATE {table} SET version = ?, a = ?, b = ? WHERE id = ? AND version = ?
      String set =
          template.substring(template.indexOf(" SET ") + 5, template.lastIndexOf(" WHERE "));
      List<String> columns = new ArrayList<>();
      for (String assignment : set.split(", ")) {
        columns.add(assignment.substring(0, assignment.indexOf(" = ?")).strip());
      }
      StringBuilder sql = new StringBuilder("UPDATE {").append(v.table).append("} AS t SET ");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = v.c").append(i);
      }
      sql.append(" FROM (VALUES ");
      int rows = types.length() / width;
      for (int r = 0; r < rows; r++) {
        sql.append(r == 0 ? "(" : ", (");
        for (int i = 0; i < width; i++) {
          sql.append(i == 0 ? "" : ", ")
              .append("CAST(? AS ")
              .append(sqlType(types.charAt(r * width + i)))
              .append(')');
        }
        sql.append(')');
      }
      sql.append(") AS v(");
      for (int i = 0; i < columns.size(); i++) {
        sql.append('c').append(i).append(", ");
      }
      sql.append("id, prev) WHERE t.")
          .append(v.idColumn)
          .append(" = v.id AND t.version = v.prev RETURNING t.")
          .append(v.idColumn);
      return sql.toString();
    }

    /**
     * Times as text and null times as null text, which the statement's casts turn into times: all
     * parameters typed, and the same types whether a time is null or not. The PostgreSQL driver
     * describes a prepared statement with an untyped parameter (as a null time would be), and then
     * sends a described statement that returns rows in a round trip of its own.
     */
    static void castParams(Object[] params) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof java.time.Instant instant) {
          params[i] = Instants.format(SqlSession.toMicros(instant));
        } else if (params[i] == SqlSession.Null.TIME) {
          params[i] = SqlSession.Null.TEXT;
        }
      }
    }

    private static char typeCode(Object value) {
      if (value instanceof Long) {
        return 'L';
      } else if (value instanceof Integer) {
        return 'I';
      } else if (value instanceof Boolean) {
        return 'B';
      } else if (value instanceof java.time.Instant || value == SqlSession.Null.TIME) {
        return 'T';
      } else if (value instanceof BigDecimal || value == SqlSession.Null.NUMBER) {
        return 'N';
      }
      return 'S';
    }

    private static String sqlType(char code) {
      return switch (code) {
        case 'L' -> "BIGINT";
        case 'I' -> "INTEGER";
        case 'B' -> "BOOLEAN";
        case 'T' -> "TIMESTAMP WITH TIME ZONE";
        case 'N' -> "NUMERIC";
        default -> "TEXT";
      };
    }
  }

  /**
   * The statements of {@code group}'s queued writes, in order: a versioned update each (its count
   * is checked), consecutive plain inserts into one table as multi-row inserts, others one each.
   */
  private void collect(Group group, List<Step> steps) {
    if (group == Group.LEDGER) {
      collectLedger(steps);
      return;
    }
    List<Write> writes = pending.remove(group);
    if (writes == null) {
      return;
    }
    int start = 0;
    while (start < writes.size()) {
      int end = start + 1;
      while (end < writes.size() && writes.get(end).template.equals(writes.get(start).template)) {
        end++;
      }
      List<Write> run = writes.subList(start, end);
      MultiRow multiRow =
          run.size() > 1
              ? MULTI_ROW.computeIfAbsent(run.get(0).template, MultiRow::of).orElse(null)
              : null;
      if (multiRow != null) {
        for (int at = 0; at < run.size(); at += multiRow.maxRows) {
          List<Write> chunk = run.subList(at, Math.min(run.size(), at + multiRow.maxRows));
          steps.add(new Step(multiRow.sql(chunk.size()), multiRow.params(chunk), chunk, null));
        }
      } else if (run.size() > 1
          && run.get(0).versioned != null
          && run.get(0).template.startsWith("UPDATE ")
          && distinctIds(run)) {
        // One UPDATE ... FROM (VALUES ...) for the rows; its count tells whether every row matched.
        for (int at = 0; at < run.size(); at += MultiRowUpdate.MAX_ROWS) {
          List<Write> chunk = run.subList(at, Math.min(run.size(), at + MultiRowUpdate.MAX_ROWS));
          steps.add(MultiRowUpdate.step(chunk));
        }
      } else {
        for (Write w : run) {
          steps.add(new Step(w.template, w.params, List.of(w), w.versioned));
        }
      }
      start = end;
    }
  }

  /** Whether the versioned updates of {@code run} are to different rows (one update each). */
  private static boolean distinctIds(List<Write> run) {
    Set<Object> ids = new HashSet<>();
    for (Write w : run) {
      if (!ids.add(Objects.requireNonNull(w.versioned).id)) {
        return false;
      }
    }
    return true;
  }

  private void collectLedger(List<Step> steps) {
    List<Object[]> rows = ledgerRows();
    if (rows.isEmpty()) {
      return;
    }
    String template = Objects.requireNonNull(ledgerSql, "ledgerSql");
    for (Object[] row : rows) {
      steps.add(new Step(template, row, List.of(), null));
    }
  }

  /**
   * Runs {@code steps} on PostgreSQL in one round trip: one prepared text of all the statements,
   * which the driver sends together and the server runs in order, stopping at the first error.
   */
  private void execute(List<Step> steps) {
    if (steps.isEmpty()) {
      return;
    }
    List<Write> all = new ArrayList<>();
    List<String> templates = new ArrayList<>(steps.size());
    List<Object[]> params = new ArrayList<>(steps.size());
    for (Step step : steps) {
      all.addAll(step.writes);
      templates.add(step.template);
      params.add(step.params);
    }
    List<Set<String>> returned = new ArrayList<>(steps.size());
    int[] counts = sql.updateAll(templates, params, e -> refused(all, e), returned);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.versioned == null
          && step.writes.size() > 1
          && step.writes.get(0).versioned != null
          && counts[i] != step.writes.size()) {
        // the first row the statement did not return
        for (Write w : step.writes) {
          Versioned missed = Objects.requireNonNull(w.versioned);
          if (!returned.get(i).contains(missed.id.toString())) {
            throw notUpdated(missed);
          }
        }
      }
      Versioned v = step.versioned;
      if (v != null && counts[i] == 0) {
        throw notUpdated(v);
      }
      if (v != null && counts[i] != 1) {
        throw new IllegalStateException(v.kind + " " + v.id + " updated " + counts[i] + " rows");
      }
    }
  }

  private void run(List<Write> run) {
    List<Object[]> rows = new ArrayList<>(run.size());
    for (Write w : run) {
      rows.add(w.params);
    }
    int[] counts = sql.batch(run.get(0).template, rows, e -> refused(run, e));
    for (int i = 0; i < run.size(); i++) {
      Versioned v = run.get(i).versioned;
      if (v != null && counts[i] == 0) {
        throw notUpdated(v);
      }
      if (v != null && counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
        throw new IllegalStateException(v.kind + " " + v.id + " updated " + counts[i] + " rows");
      }
    }
  }

  /**
   * A plain {@code INSERT INTO t (columns) VALUES (?, ..., ?) [ON CONFLICT ...]} written for
   * several rows at once: {@code VALUES (...), (...)}. Only inserts whose update counts nothing
   * checks.
   */
  private record MultiRow(
      String head,
      String row,
      String tail,
      int columns,
      int maxRows,
      AtomicReferenceArray<String> texts) {
    private static final String VALUES = " VALUES (";

    /** The multi-row form of {@code template}, if it is a plain insert. */
    static Optional<MultiRow> of(String template) {
      int values = template.indexOf(VALUES);
      if (!template.startsWith("INSERT INTO ") || values < 0) {
        return Optional.empty();
      }
      int close = template.indexOf(')', values);
      String row = template.substring(values + VALUES.length() - 1, close + 1);
      int columns = 0;
      for (int i = 0; i < row.length(); i++) {
        char c = row.charAt(i);
        if (c == '?') {
          columns++;
        } else if (c != '(' && c != ')' && c != ',' && c != ' ') {
          return Optional.empty();
        }
      }
      if (columns == 0 || template.indexOf('?', close) >= 0) {
        return Optional.empty();
      }
      // PostgreSQL takes at most 32,767 parameters per statement.
      return Optional.of(
          new MultiRow(
              template.substring(0, values + VALUES.length() - 1),
              row,
              template.substring(close + 1),
              columns,
              Math.max(1, 32_000 / columns),
              // The texts for up to 32 rows, kept: the same string each time is hashed once by
              // the template and the driver's statement caches.
              new AtomicReferenceArray<>(33)));
    }

    String sql(int rows) {
      if (rows < texts.length()) {
        String known = texts.get(rows);
        if (known == null) {
          known = build(rows);
          texts.set(rows, known);
        }
        return known;
      }
      return build(rows);
    }

    private String build(int rows) {
      StringBuilder text = new StringBuilder(head.length() + rows * (row.length() + 2));
      text.append(head);
      for (int i = 0; i < rows; i++) {
        text.append(i == 0 ? "" : ", ").append(row);
      }
      return text.append(tail).toString();
    }

    Object[] params(List<Write> writes) {
      Object[] params = new Object[writes.size() * columns];
      for (int i = 0; i < writes.size(); i++) {
        if (writes.get(i).params.length != columns) {
          throw new IllegalStateException(
              writes.get(i).params.length + " parameters for " + columns + " columns");
        }
        System.arraycopy(writes.get(i).params, 0, params, i * columns, columns);
      }
      return params;
    }
  }

  /** The exception of the write the database refused: the one whose key its message names. */
  private static RuntimeException refused(List<Write> run, SQLException e) {
    String message = String.valueOf(e.getMessage());
    Write refused = null;
    for (Write w : run) {
      if (w.onDuplicate != null
          && message.contains(w.key)
          && (refused == null || w.key.length() > refused.key.length())) {
        refused = w;
      }
    }
    if (refused == null) {
      for (Write w : run) {
        if (w.onDuplicate != null) {
          refused = w;
          break;
        }
      }
    }
    if (refused == null) {
      return SqlSession.translate(run.get(0).template, e);
    }
    return refused.onDuplicate.apply(e);
  }

  private RuntimeException notUpdated(Versioned v) {
    Optional<Long> stored =
        sql.queryFirst(
            "SELECT version FROM {" + v.table + "} WHERE " + v.idColumn + " = ?",
            row -> row.getLong(1),
            v.id.toString());
    if (stored.isEmpty()) {
      return new UnknownIdException(v.kind, v.id);
    }
    return StoreConflicts.versionMismatch(v.kind, v.id, stored.get(), v.version);
  }
}
