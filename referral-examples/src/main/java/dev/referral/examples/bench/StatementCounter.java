package dev.referral.examples.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements and the round trips run on the connections it wraps: each {@code
 * execute...} call, a batch included, is one round trip to the server, and may carry several
 * statements.
 */
final class StatementCounter {
  private static final Set<String> EXECUTES =
      Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate");

  private final LongAdder statements = new LongAdder();
  private final LongAdder roundTrips = new LongAdder();
  private final List<String> recorded = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean recording;

  /**
   * How many SQL statements ran so far: each of a text of several (which the PostgreSQL store sends
   * in one round trip, one a line) counts, a JDBC batch counts once, and the savepoint statements
   * that ride along with a host's transaction do not (a JDBC call before, never counted).
   */
  long statements() {
    return statements.sum();
  }

  /** How many round trips (execute calls) ran so far. */
  long roundTrips() {
    return roundTrips.sum();
  }

  static int statementsIn(String text) {
    int count = 0;
    for (String statement : text.split(";\n")) {
      if (!statement.startsWith("SAVEPOINT ") && !statement.startsWith("RELEASE SAVEPOINT ")) {
        count++;
      }
    }
    return count;
  }

  /** Starts or stops keeping the text of the statements run. */
  void record(boolean on) {
    recording = on;
  }

  /** The text of the statements run while recording, in order. */
  List<String> recorded() {
    return List.copyOf(recorded);
  }

  /** {@code connection}, counting the statements run through it. */
  Connection wrap(Connection connection) {
    return proxy(Connection.class, connection, "");
  }

  private <T> T proxy(Class<T> type, Object target, String sql) {
    return type.cast(
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (EXECUTES.contains(method.getName())) {
                roundTrips.increment();
                String text =
                    args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
                statements.add(statementsIn(text));
                if (recording) {
                  recorded.add(text + (method.getName().equals("executeBatch") ? " (batch)" : ""));
                }
              }
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              Class<?> statement = statementType(method);
              if (statement == null || result == null) {
                return result;
              }
              String text = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
              return proxy(statement, result, text);
            }));
  }

  /** The statement interface that {@code method} of a connection returns, if it makes one. */
  private static Class<?> statementType(Method method) {
    return switch (method.getName()) {
      case "createStatement" -> Statement.class;
      case "prepareStatement" -> PreparedStatement.class;
      case "prepareCall" -> CallableStatement.class;
      default -> null;
    };
  }
}
