package dev.referral.core.store.jdbc.internal;

import dev.referral.core.UnknownIdException;
import dev.referral.core.internal.StoreConflicts;
import dev.referral.core.spi.StoreConflictException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  private record Versioned(String table, String idColumn, String kind, Object id, long version) {}

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
    Object[] params = new Object[setParams.length + 3];
    params[0] = version;
    System.arraycopy(setParams, 0, params, 1, setParams.length);
    params[setParams.length + 1] = id.toString();
    params[setParams.length + 2] = version - 1;
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

  private SqlSession flushLedger() {
    List<Object[]> rows = new ArrayList<>(ledger.size());
    ledger.forEach(
        (name, change) -> {
          if (change.count != 0 || change.amount.signum() != 0) {
            rows.add(new Object[] {name, change.count, change.amount});
          }
        });
    ledger.clear();
    if (!rows.isEmpty()) {
      sql.batch(Objects.requireNonNull(ledgerSql, "ledgerSql"), rows, null);
    }
    return sql;
  }

  /** Runs every queued write. */
  public void flushAll() {
    for (Group group : Group.values()) {
      flush(group);
    }
  }

  private void run(List<Write> run) {
    List<Object[]> rows = new ArrayList<>(run.size());
    for (Write w : run) {
      rows.add(w.params);
    }
    String template = run.get(0).template;
    MultiRow multiRow =
        run.size() > 1 && sql.dialect() == Dialect.POSTGRESQL
            ? MULTI_ROW.computeIfAbsent(template, MultiRow::of).orElse(null)
            : null;
    if (multiRow != null) {
      // One statement for all the rows: the server runs one insert, not one per row. Rows take
      // their generated sequence numbers in the order of the VALUES list, as in a batch.
      for (int start = 0; start < run.size(); start += multiRow.maxRows) {
        List<Write> chunk = run.subList(start, Math.min(run.size(), start + multiRow.maxRows));
        sql.update(multiRow.sql(chunk.size()), e -> refused(chunk, e), multiRow.params(chunk));
      }
      return;
    }
    int[] counts = sql.batch(template, rows, e -> refused(run, e));
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
