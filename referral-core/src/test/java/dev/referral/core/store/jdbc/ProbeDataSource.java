package dev.referral.core.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a data source to count the statements run on its connections and, when armed, to close a
 * connection under its user just before the n-th execution (a round trip) or commit from now.
 */
final class ProbeDataSource {

  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate");

  private final DataSource target;
  private final AtomicInteger statements = new AtomicInteger();
  private final AtomicInteger failAt = new AtomicInteger(-1);
  private final AtomicInteger failures = new AtomicInteger();
  private final java.util.List<String> log =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  ProbeDataSource(DataSource target) {
    this.target = target;
  }

  /** The wrapped data source. */
  DataSource dataSource() {
    return proxy(DataSource.class, target);
  }

  /** Statements run so far. */
  int statements() {
    return statements.get();
  }

  /** The SQL of the statements run so far, in order (prepared statements only). */
  java.util.List<String> log() {
    return java.util.List.copyOf(log);
  }

  /** Closes the connection just before the {@code n}-th statement or commit from now. */
  void failAt(int n) {
    failAt.set(n);
  }

  /** Stops failing. */
  void heal() {
    failAt.set(-1);
  }

  /** How many connections were closed under their user. */
  int failures() {
    return failures.get();
  }

  private <T> T proxy(Class<T> type, Object real) {
    InvocationHandler handler =
        (p, method, args) -> {
          Object result = intercept(real, method, args);
          if (result instanceof Connection c && method.getName().equals("getConnection")) {
            return proxyConnection(c);
          }
          return result;
        };
    return type.cast(
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
  }

  private Connection proxyConnection(Connection real) {
    InvocationHandler handler =
        (p, method, args) -> {
          if (method.getName().equals("commit")) {
            maybeFail(real);
          }
          Object result = intercept(real, method, args);
          if (result instanceof Statement s) {
            String sql = method.getName().equals("prepareStatement") ? (String) args[0] : "?";
            return proxyStatement(s, real, sql);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement proxyStatement(Statement real, Connection connection, String sql) {
    Class<?> type =
        real instanceof java.sql.PreparedStatement
            ? java.sql.PreparedStatement.class
            : Statement.class;
    InvocationHandler handler =
        (p, method, args) -> {
          if (EXECUTIONS.contains(method.getName())) {
            maybeFail(connection);
            // A flush on PostgreSQL sends several statements, one a line, in one round trip: each
            // counts; the savepoint of a host's transaction that rides along does not (as before,
            // when it was a call of the JDBC API).
            for (String statement : sql.split(";\n")) {
              if (!statement.startsWith("SAVEPOINT ")
                  && !statement.startsWith("RELEASE SAVEPOINT ")) {
                statements.incrementAndGet();
                log.add(statement);
              }
            }
          }
          return intercept(real, method, args);
        };
    return (Statement)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }

  private void maybeFail(Connection connection) throws SQLException {
    if (failAt.get() > 0 && failAt.decrementAndGet() == 0) {
      failures.incrementAndGet();
      connection.close();
    }
  }

  private static Object intercept(Object real, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
