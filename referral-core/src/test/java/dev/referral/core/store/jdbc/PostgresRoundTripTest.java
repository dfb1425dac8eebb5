package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.referral.core.ConversionResult;
import dev.referral.core.Lead;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Network round trips of a conversion that joins the host's transaction on PostgreSQL: the lead
 * read (with the savepoint) and the flush of the writes (with its release), one each, also once the
 * driver has prepared the statements on the server (from their fifth execution on a connection).
 */
class PostgresRoundTripTest {

  /** Conversions before the one counted: the driver prepares a statement on its fifth run. */
  private static final int WARM_UP = 7;

  private final ThreadLocal<Connection> host = new ThreadLocal<>();

  @Test
  void givenAConversionInAHostTransaction_whenRepeated_thenEachTakesTwoRoundTrips()
      throws SQLException {
    // given
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabases.postgresUrl());
    config.addDataSourceProperty("socketFactory", RoundTripCountingSocketFactory.class.getName());
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      ConnectionProvider joiningTheHost =
          new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
              Connection c = host.get();
              return c != null ? c : pool.getConnection();
            }

            @Override
            public boolean isHostTransaction(Connection connection) {
              return connection == host.get();
            }

            @Override
            public void releaseConnection(Connection connection) throws SQLException {
              if (connection != host.get()) {
                connection.close();
              }
            }
          };
      JdbcReferralStore store =
          JdbcReferralStore.builder(joiningTheHost)
              .tablePrefix(TestDatabases.uniquePrefix())
              .build();
      store.createSchema();
      // follow-ups (the conversion cancels some: a multi-row update), and the referrer's counts
      // (read with the lead: times among the read's parameters)
      ReferralProgram program = JdbcPrograms.programWith(store, StatementCountTest.bonusByCounts());
      Referrer jane = customer(program, "Jane");
      List<Lead> leads = new ArrayList<>();
      for (int i = 0; i <= WARM_UP; i++) {
        leads.add(refer(program, jane, "friend" + i));
      }
      List<Integer> roundTrips = new ArrayList<>();
      // when
      for (int i = 0; i <= WARM_UP; i++) {
        try (Connection c = pool.getConnection()) {
          c.setAutoCommit(false);
          host.set(c);
          try {
            int before = RoundTripCountingSocketFactory.roundTrips();
            ConversionResult result = program.convert(leads.get(i).id(), order("order-" + i, 80));
            roundTrips.add(RoundTripCountingSocketFactory.roundTrips() - before);
            assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
            c.commit();
          } finally {
            host.remove();
            c.setAutoCommit(true);
          }
        }
      }
      // then
      assertEquals(
          Collections.nCopies(WARM_UP, 2),
          roundTrips.subList(1, roundTrips.size()),
          "" + roundTrips);
    }
  }
}
