package dev.referral.core.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where {@link JdbcReferralStore} gets the connection for one store transaction, and whether that
 * connection already takes part in a transaction of the host.
 *
 * <p>By default ({@link #of(DataSource)}) the store borrows a connection from the pool, runs its
 * transaction on it, commits or rolls back, and closes it. To make the library's writes part of the
 * host's own transaction ("order saved" and "lead converted, reward granted, follow-ups scheduled"
 * in one commit), return the connection of the host's current transaction and answer {@code true}
 * from {@link #isHostTransaction}: the store then neither commits nor rolls back; it wraps its work
 * in a savepoint, so that a failed or retried command leaves nothing behind in the host's
 * transaction, and the host's commit or rollback decides. With Spring, for example:
 *
 * <ul>
 *   <li>{@code getConnection()}: {@code DataSourceUtils.getConnection(dataSource)}
 *   <li>{@code isHostTransaction(c)}: {@code DataSourceUtils.isConnectionTransactional(c,
 *       dataSource)}
 *   <li>{@code releaseConnection(c)}: {@code DataSourceUtils.releaseConnection(c, dataSource)}
 * </ul>
 *
 * Implementations must be thread-safe; a connection is used by one thread at a time.
 */
public interface ConnectionProvider {

  /** A connection for one store transaction. */
  Connection getConnection() throws SQLException;

  /**
   * Whether {@code connection} is in a transaction that the host commits or rolls back. The default
   * says no: the store runs its own transaction on it.
   */
  default boolean isHostTransaction(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    return false;
  }

  /** Gives back a connection from {@link #getConnection()}. The default closes it. */
  default void releaseConnection(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    connection.close();
  }

  /** Connections from {@code dataSource}, each used for one store transaction, then closed. */
  static ConnectionProvider of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return dataSource::getConnection;
  }
}
