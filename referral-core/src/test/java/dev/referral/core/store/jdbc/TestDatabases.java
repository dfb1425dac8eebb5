package dev.referral.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases of the JDBC store tests: a fresh in-memory H2 database, and the PostgreSQL server
 * named by the system property {@value #URL_PROPERTY} (set by {@code .ci/with-postgres}). Without
 * that property the PostgreSQL tests are skipped, unless {@value #REQUIRE_PROPERTY} is true or the
 * environment has {@code CI=true}: then they fail, so that CI never passes without them.
 */
public final class TestDatabases {

  /** The system property with the PostgreSQL JDBC URL. */
  public static final String URL_PROPERTY = "referral.test.postgres.url";

  /** The system property that makes a missing PostgreSQL an error. */
  public static final String REQUIRE_PROPERTY = "referral.test.requirePostgres";

  private static final AtomicInteger NAMES = new AtomicInteger();

  private TestDatabases() {}

  /** A new, empty in-memory H2 database, kept until the JVM exits. */
  public static DataSource newH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:referral" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
    return h2;
  }

  /** A unique table prefix, so that tests sharing one PostgreSQL database do not meet. */
  public static String uniquePrefix() {
    return "t" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet() + "_";
  }

  private static final String NO_POSTGRES =
      "no PostgreSQL: set -D" + URL_PROPERTY + " or run the build through .ci/with-postgres";

  /** The PostgreSQL JDBC URL; skips (or, where PostgreSQL is required, fails) the test without. */
  public static String postgresUrl() {
    String url = System.getProperty(URL_PROPERTY, "");
    if (url.isBlank()) {
      if (postgresRequired()) {
        fail(NO_POSTGRES + " (PostgreSQL tests are required here)");
      }
      Assumptions.abort(NO_POSTGRES);
    }
    return url;
  }

  private static boolean postgresRequired() {
    return Boolean.getBoolean(REQUIRE_PROPERTY) || "true".equals(System.getenv("CI"));
  }

  /**
   * Skips a jqwik property that needs PostgreSQL where {@link #postgresUrl} would skip a test: in a
   * property, the aborted tries count as rejected ones and the property fails as exhausted. Where
   * PostgreSQL is required the property runs, and fails in {@link #postgresUrl} without a server.
   */
  public static final class SkipWithoutPostgres implements SkipExecutionHook {
    /** Used by jqwik through {@code @AddLifecycleHook}. */
    public SkipWithoutPostgres() {}

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      boolean runs = !System.getProperty(URL_PROPERTY, "").isBlank() || postgresRequired();
      return runs ? SkipResult.doNotSkip() : SkipResult.skip(NO_POSTGRES);
    }
  }

  /** A new connection pool of up to {@code size} connections to the PostgreSQL database. */
  public static HikariDataSource newPostgresPool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgresUrl());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  /**
   * A new, empty database on the PostgreSQL server, for tests that need fixed table names; it is
   * dropped with the throwaway server.
   */
  public static DataSource freshPostgresDatabase() {
    String name = "db" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    try (java.sql.Connection c = sharedPostgres().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(postgresUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    return ds;
  }

  private static HikariDataSource shared;

  /** A connection pool shared by the PostgreSQL tests of this JVM. */
  public static synchronized DataSource sharedPostgres() {
    if (shared == null) {
      shared = newPostgresPool(12);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }
}
