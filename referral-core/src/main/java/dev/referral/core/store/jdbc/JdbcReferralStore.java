package dev.referral.core.store.jdbc;

import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.spi.StoreException;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.jdbc.internal.Dialect;
import dev.referral.core.store.jdbc.internal.EventCodec;
import dev.referral.core.store.jdbc.internal.JdbcTransaction;
import dev.referral.core.store.jdbc.internal.RecordJson;
import dev.referral.core.store.jdbc.internal.SqlSession;
import dev.referral.core.store.jdbc.internal.SqlTemplates;
import dev.referral.core.store.jdbc.internal.StatsPeriods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ReferralStore} in a relational database, PostgreSQL (12 and later) or H2 (2.x), through
 * plain {@code java.sql}. Several application nodes may share one database:
 *
 * <ul>
 *   <li>ids, referral codes, prospect identities, reward idempotency keys and follow-up keys are
 *       unique constraints; a violation is a {@link dev.referral.core.spi.DuplicateKeyException};
 *   <li>updates check the stored version; a mismatch is a {@link StoreConflictException};
 *   <li>limit and budget checks lock a row (the referrer's, the program ledger's) until commit;
 *   <li>follow-ups are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED};
 *   <li>serialization failures, deadlocks and lock timeouts are {@link StoreConflictException}s,
 *       which the program retries; other database errors are {@link StoreException}s.
 * </ul>
 *
 * <p>Each store transaction runs on one connection from the {@link ConnectionProvider}: its own
 * transaction, or inside the host's (see {@link ConnectionProvider#isHostTransaction}). The schema
 * comes from the scripts {@code db/referral/postgresql/V1__referral.sql} and {@code
 * db/referral/h2/V1__referral.sql} (run them with Flyway or Liquibase), or from {@link
 * #createSchema()}.
 *
 * <p>This class is thread-safe.
 */
public final class JdbcReferralStore implements ReferralStore {

  /** The default prefix of every table name: {@value}. */
  public static final String DEFAULT_TABLE_PREFIX = SqlTemplates.SCRIPT_PREFIX;

  private static final Logger log = LoggerFactory.getLogger(JdbcReferralStore.class);
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

  /** The databases the store supports. */
  public enum Database {
    /** PostgreSQL 12 and later. */
    POSTGRESQL,
    /** H2 2.x. */
    H2
  }

  private final ConnectionProvider connections;
  private final String tablePrefix;
  private final @Nullable Database configuredDatabase;
  private final RecordJson json = new RecordJson();
  private final EventCodec eventCodec = EventCodec.jackson();
  private final StatsPeriods statsPeriods = new StatsPeriods();
  private final ThreadLocal<@Nullable JdbcTransaction> current = new ThreadLocal<>();
  private volatile @Nullable SqlTemplates templates;

  private JdbcReferralStore(Builder builder) {
    this.connections = builder.connections;
    this.tablePrefix = builder.tablePrefix;
    this.configuredDatabase = builder.database;
  }

  /** A builder for a store on connections from {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(ConnectionProvider.of(dataSource));
  }

  /** A builder for a store on connections from {@code connections}. */
  public static Builder builder(ConnectionProvider connections) {
    return new Builder(Objects.requireNonNull(connections, "connections"));
  }

  /** A store on {@code dataSource} with the default table prefix; the database is detected. */
  public static JdbcReferralStore of(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** The prefix of every table name. */
  public String tablePrefix() {
    return tablePrefix;
  }

  /**
   * Creates the tables (schema version 1, with this store's table prefix) unless they exist. Meant
   * for tests, examples and quick starts; production schemas are better run by a migration tool
   * from the shipped scripts.
   *
   * @throws StoreException if the database fails
   */
  public void createSchema() {
    Connection connection = null;
    try {
      connection = connections.getConnection();
      SqlTemplates t = templates(connection);
      if (tablesExist(connection)) {
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String sql : schemaStatements(t.dialect())) {
          statement.execute(sql);
        }
        connection.commit();
        log.debug("Created the referral schema with table prefix {}", tablePrefix);
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlSession.translate("creating the referral schema", e);
    } finally {
      release(connection);
    }
  }

  /** Whether the schema's tables exist in the connection's current schema. */
  private boolean tablesExist(Connection connection) throws SQLException {
    String ledger = tablePrefix + "ledger";
    for (String name : List.of(ledger, ledger.toUpperCase(java.util.Locale.ROOT))) {
      try (var tables =
          connection.getMetaData().getTables(null, connection.getSchema(), name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private List<String> schemaStatements(Dialect dialect) {
    String resource = dialect.schemaResource(1);
    String script;
    try (InputStream in = JdbcReferralStore.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("schema script " + resource + " is missing from the classpath");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read schema script " + resource, e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String sql : withoutComments.toString().split(";")) {
      if (!sql.isBlank()) {
        statements.add(sql.strip().replace(SqlTemplates.SCRIPT_PREFIX, tablePrefix));
      }
    }
    return statements;
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    JdbcTransaction outer = current.get();
    if (outer != null) {
      return work.apply(outer);
    }
    Connection connection;
    try {
      connection = connections.getConnection();
    } catch (SQLException e) {
      throw SqlSession.translate("getting a connection", e);
    }
    try {
      if (connections.isHostTransaction(connection)) {
        return inHostTransaction(connection, work);
      }
      return inOwnTransaction(connection, work);
    } catch (SQLException e) {
      throw SqlSession.translate("starting a transaction", e);
    } finally {
      release(connection);
    }
  }

  private <T> T inOwnTransaction(Connection connection, Function<StoreTransaction, T> work)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try {
      T result = run(connection, work);
      try {
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly(connection, e);
        throw SqlSession.translate("committing", e);
      }
      return result;
    } catch (RuntimeException | Error e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      if (autoCommit) {
        try {
          connection.setAutoCommit(true);
        } catch (SQLException e) {
          log.debug("Cannot restore auto-commit on a connection", e);
        }
      }
    }
  }

  /** The savepoint of a command in the host's transaction on PostgreSQL, and its statements. */
  private static final String SAVEPOINT = "referral_store";

  private static final String SET_SAVEPOINT = "SAVEPOINT " + SAVEPOINT;
  private static final String RELEASE_SAVEPOINT = "RELEASE SAVEPOINT " + SAVEPOINT;
  private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT " + SAVEPOINT;

  /** Runs {@code work} inside the host's transaction, undoing only its own writes on failure. */
  private <T> T inHostTransaction(Connection connection, Function<StoreTransaction, T> work)
      throws SQLException {
    SqlTemplates t = templates(connection);
    if (t.dialect() == Dialect.POSTGRESQL) {
      return inHostTransactionPipelined(connection, t, work);
    }
    Savepoint savepoint = connection.setSavepoint();
    try {
      T result = run(connection, work);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (RuntimeException | Error e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
    }
  }

  /**
   * As {@link #inHostTransaction} on PostgreSQL, without round trips of their own for the savepoint
   * and its release: the savepoint goes with the command's first statement, the release with its
   * last flush; a command that sends nothing sets no savepoint.
   */
  private <T> T inHostTransactionPipelined(
      Connection connection, SqlTemplates t, Function<StoreTransaction, T> work) {
    SqlSession session = new SqlSession(connection, t);
    session.prologue(SET_SAVEPOINT);
    JdbcTransaction tx = new JdbcTransaction(session, json, eventCodec, statsPeriods);
    current.set(tx);
    try {
      T result = work.apply(tx);
      tx.flush(RELEASE_SAVEPOINT);
      return result;
    } catch (RuntimeException | Error e) {
      if (session.prologueSent()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(ROLLBACK_TO_SAVEPOINT);
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
      }
      throw e;
    } finally {
      current.remove();
    }
  }

  private <T> T run(Connection connection, Function<StoreTransaction, T> work) throws SQLException {
    JdbcTransaction tx =
        new JdbcTransaction(
            new SqlSession(connection, templates(connection)), json, eventCodec, statsPeriods);
    current.set(tx);
    try {
      T result = work.apply(tx);
      tx.flush();
      return result;
    } finally {
      current.remove();
    }
  }

  private SqlTemplates templates(Connection connection) throws SQLException {
    SqlTemplates t = templates;
    if (t == null) {
      Dialect dialect =
          configuredDatabase != null
              ? Dialect.valueOf(configuredDatabase.name())
              : Dialect.ofProductName(connection.getMetaData().getDatabaseProductName());
      t = new SqlTemplates(tablePrefix, dialect);
      templates = t;
    }
    return t;
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void release(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connections.releaseConnection(connection);
    } catch (SQLException e) {
      log.warn("Cannot release a connection", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcReferralStore[tablePrefix=" + tablePrefix + "]";
  }

  /** Builds a {@link JdbcReferralStore}. Not thread-safe. */
  public static final class Builder {
    private final ConnectionProvider connections;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private @Nullable Database database;

    private Builder(ConnectionProvider connections) {
      this.connections = connections;
    }

    /**
     * The prefix of every table name; default {@value JdbcReferralStore#DEFAULT_TABLE_PREFIX}.
     *
     * @throws IllegalArgumentException unless 1 to 30 lower-case letters, digits and underscores,
     *     starting with a letter
     */
    public Builder tablePrefix(String tablePrefix) {
      Objects.requireNonNull(tablePrefix, "tablePrefix");
      if (!PREFIX.matcher(tablePrefix).matches()) {
        throw new IllegalArgumentException(
            "tablePrefix must be 1 to 30 lower-case letters, digits and underscores, starting"
                + " with a letter, but was '"
                + tablePrefix
                + "'");
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /** The database; by default it is detected from the first connection's metadata. */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /** The store. */
    public JdbcReferralStore build() {
      return new JdbcReferralStore(this);
    }
  }
}
