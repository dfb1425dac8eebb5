package dev.referral.core.store.jdbc.internal;

import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.spi.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs the store's SQL on one connection: binds parameters, maps rows, and turns {@link
 * SQLException}s into the store's exceptions. One per store transaction; not thread-safe.
 */
public final class SqlSession {

  /** SQL states of a lost race: serialization failure, deadlock, lock not available, timeout. */
  private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

  private static final String UNIQUE_VIOLATION = "23505";

  /** A typed SQL NULL, for a parameter whose value is absent. */
  public enum Null {
    /** A null string. */
    TEXT(Types.VARCHAR),
    /** A null time. */
    TIME(Types.TIMESTAMP_WITH_TIMEZONE),
    /** A null number. */
    NUMBER(Types.NUMERIC);

    private final int sqlType;

    Null(int sqlType) {
      this.sqlType = sqlType;
    }
  }

  /** Reads one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    /** The value of the current row. */
    T map(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final SqlTemplates templates;

  /** A statement without parameters to send with the next one, in its round trip. */
  private @org.jspecify.annotations.Nullable String prologue;

  private boolean prologueSent;

  /** A session on {@code connection}, expanding table names with {@code templates}. */
  public SqlSession(Connection connection, SqlTemplates templates) {
    this.connection = connection;
    this.templates = templates;
  }

  /**
   * Sends {@code statement} (no parameters, no result) in the same round trip as the next
   * statement, just before it; on H2, right away.
   */
  public void prologue(String statement) {
    if (templates.dialect() == Dialect.POSTGRESQL) {
      prologue = statement;
      return;
    }
    try (Statement s = connection.createStatement()) {
      prologueSent = true;
      s.execute(statement);
    } catch (SQLException e) {
      throw translate(statement, e, null);
    }
  }

  /** Whether the prologue went to the database (with a statement that may have failed). */
  public boolean prologueSent() {
    return prologueSent;
  }

  /** The prologue and the statement after it, as one text; the prologue counts as sent. */
  private String withPrologue(String sql) {
    String first = prologue;
    if (first == null) {
      return sql;
    }
    prologue = null;
    prologueSent = true;
    return first + ";\n" + sql;
  }

  /** The SQL dialect. */
  public Dialect dialect() {
    return templates.dialect();
  }

  /** The table-name templates. */
  public SqlTemplates templates() {
    return templates;
  }

  /** {@code value} or a typed null. */
  public static Object text(Optional<?> value) {
    return value.isPresent() ? value.get().toString() : Null.TEXT;
  }

  /** {@code value} or a typed null. */
  public static Object time(Optional<Instant> value) {
    return value.isPresent() ? value.get() : Null.TIME;
  }

  /** {@code value} or a typed null. */
  public static Object number(Optional<BigDecimal> value) {
    return value.isPresent() ? value.get() : Null.NUMBER;
  }

  /** Runs an insert, update or delete; a unique-key violation becomes {@code onDuplicate}'s. */
  public int update(
      String template, Function<SQLException, RuntimeException> onDuplicate, Object... params) {
    if (prologue != null) {
      return updateAll(List.of(template), List.<Object[]>of(params), onDuplicate)[0];
    }
    String sql = templates.expand(template);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw translate(sql, e, onDuplicate);
    }
  }

  /** Runs an insert, update or delete. */
  public int update(String template, Object... params) {
    return update(template, null, params);
  }

  /**
   * Runs one statement for each of {@code rows} in a batch and returns the update counts; a
   * unique-key violation becomes {@code onDuplicate}'s.
   */
  public int[] batch(
      String template, List<Object[]> rows, Function<SQLException, RuntimeException> onDuplicate) {
    if (rows.isEmpty()) {
      return new int[0];
    }
    if (prologue != null) {
      updateAll(List.of(), List.of(), onDuplicate);
    }
    String sql = templates.expand(template);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (rows.size() == 1) {
        bind(statement, rows.get(0));
        return new int[] {statement.executeUpdate()};
      }
      for (Object[] row : rows) {
        bind(statement, row);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw translate(sql, e, onDuplicate);
    }
  }

  /**
   * Runs the inserts, updates and deletes of {@code statements} (templates), with their {@code
   * params}, as one prepared text: the PostgreSQL driver sends its statements in one round trip,
   * and the server runs them in order and stops at the first that fails. Returns each statement's
   * update count; a unique-key violation becomes {@code onDuplicate}'s exception.
   */
  public int[] updateAll(
      List<String> statements,
      List<Object[]> params,
      Function<SQLException, RuntimeException> onDuplicate) {
    return updateAll(statements, params, onDuplicate, null);
  }

  /**
   * As {@link #updateAll(List, List, Function)}; a statement that returns rows ({@code RETURNING})
   * counts them, and if {@code returned} is given it gets, per statement, the first column of the
   * rows returned (empty for the others).
   */
  public int[] updateAll(
      List<String> statements,
      List<Object[]> params,
      Function<SQLException, RuntimeException> onDuplicate,
      @org.jspecify.annotations.Nullable List<Set<String>> returned) {
    if (statements.size() == 1 && prologue == null && returned == null) {
      return new int[] {update(statements.get(0), onDuplicate, params.get(0))};
    }
    boolean withPrologue = prologue != null;
    int count = 0;
    for (Object[] p : params) {
      count += p.length;
    }
    Object[] all = new Object[count];
    int at = 0;
    for (Object[] p : params) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    String sql =
        statements.isEmpty()
            ? withPrologue("").strip().replaceFirst(";$", "")
            : withPrologue(templates.expandAll(statements));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, all);
      boolean rows = statement.execute();
      if (withPrologue && !statements.isEmpty()) {
        rows = statement.getMoreResults();
      }
      int[] counts = new int[statements.size()];
      for (int i = 0; i < counts.length; i++) {
        if (i > 0) {
          rows = statement.getMoreResults();
        }
        Set<String> ids = new java.util.HashSet<>();
        if (rows) {
          try (ResultSet result = statement.getResultSet()) {
            while (result.next()) {
              counts[i]++;
              ids.add(result.getString(1));
            }
          }
        } else {
          counts[i] = statement.getUpdateCount();
        }
        if (returned != null) {
          returned.add(ids);
        }
      }
      return counts;
    } catch (SQLException e) {
      throw translate(sql, e, onDuplicate);
    }
  }

  /** The rows of a query, mapped. */
  public <T> List<T> query(String template, RowMapper<T> mapper, Object... params) {
    boolean withPrologue = prologue != null;
    String sql = withPrologue(templates.expand(template));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      if (withPrologue) {
        statement.execute();
        statement.getMoreResults();
      }
      try (ResultSet rows = withPrologue ? statement.getResultSet() : statement.executeQuery()) {
        List<T> found = new ArrayList<>();
        while (rows.next()) {
          found.add(mapper.map(rows));
        }
        return found;
      }
    } catch (SQLException e) {
      throw translate(sql, e, null);
    }
  }

  /** The first row of a query, mapped, if any. */
  public <T> Optional<T> queryFirst(String template, RowMapper<T> mapper, Object... params) {
    List<T> found = query(template, mapper, params);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** {@code ?, ?, ?} for {@code n} parameters. */
  public static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private void bind(PreparedStatement statement, Object[] params) throws SQLException {
    boolean postgres = templates.dialect() == Dialect.POSTGRESQL;
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p instanceof Null n) {
        // A null time is untyped on PostgreSQL (the JDBC API has no typed one): the driver then
        // asks the server for the statement's parameter types once, when it first prepares it.
        statement.setNull(index, postgres && n == Null.TIME ? Types.OTHER : n.sqlType);
      } else if (p instanceof Instant instant) {
        // Typed (timestamptz on PostgreSQL), not untyped text: the PostgreSQL driver describes a
        // prepared statement with an untyped parameter, and a described statement whose rows have
        // a column of unbounded size (a document) then goes in a round trip of its own, even
        // within a text of several statements (the driver's guard against filling its receive
        // buffer). Rounded half up to microseconds by the driver, as by toMicros.
        statement.setObject(index, utc(instant));
      } else if (p instanceof String s) {
        statement.setString(index, s);
      } else if (p instanceof Long l) {
        statement.setLong(index, l);
      } else if (p instanceof Integer n) {
        statement.setInt(index, n);
      } else if (p instanceof Boolean b) {
        statement.setBoolean(index, b);
      } else if (p instanceof BigDecimal d) {
        statement.setBigDecimal(index, d);
      } else {
        throw new IllegalArgumentException("cannot bind a " + p.getClass().getName());
      }
    }
  }

  /**
   * {@code instant} at UTC (without {@code OffsetDateTime.ofInstant}'s new zone rules each time).
   */
  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.of(
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
        ZoneOffset.UTC);
  }

  /** {@code instant} rounded half up to microseconds, the precision of a PostgreSQL timestamp. */
  static Instant toMicros(Instant instant) {
    return instant.getNano() % 1000 == 0
        ? instant
        : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether {@code e} reports a unique-key violation. */
  public static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(state(e));
  }

  /** Whether {@code e} reports a lost race that a retry may win. */
  public static boolean isConflict(SQLException e) {
    String state = state(e);
    return state != null && CONFLICT_STATES.contains(state);
  }

  private static @org.jspecify.annotations.Nullable String state(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  /** The store exception for {@code e}, raised while running {@code what}. */
  public static RuntimeException translate(String what, SQLException e) {
    return translate(what, e, null);
  }

  private static RuntimeException translate(
      String what,
      SQLException e,
      @org.jspecify.annotations.Nullable Function<SQLException, RuntimeException> onDuplicate) {
    if (onDuplicate != null && isUniqueViolation(e)) {
      return onDuplicate.apply(e);
    }
    if (isConflict(e) || isUniqueViolation(e)) {
      return new StoreConflictException(
          "a concurrent transaction won a race (SQL state " + state(e) + ") in: " + what, e);
    }
    return new StoreException("the database failed (SQL state " + state(e) + ") in: " + what, e);
  }
}
