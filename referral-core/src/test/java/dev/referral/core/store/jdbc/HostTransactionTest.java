package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.ConversionResult;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host saves its order and converts the lead in one plain JDBC transaction of its own: the
 * library's writes join it, so they commit and roll back with the order.
 */
class HostTransactionTest {

  /** The host's transaction, as a transaction manager would keep it: one connection per thread. */
  private final ThreadLocal<@Nullable Connection> hostTransaction = new ThreadLocal<>();

  private DataSource dataSource;
  private ReferralProgram program;

  private void setUp(String database) throws SQLException {
    dataSource = database.equals("h2") ? TestDatabases.newH2() : TestDatabases.sharedPostgres();
    String prefix = TestDatabases.uniquePrefix();
    ConnectionProvider joinsTheHost =
        new ConnectionProvider() {
          @Override
          public Connection getConnection() throws SQLException {
            Connection host = hostTransaction.get();
            return host != null ? host : dataSource.getConnection();
          }

          @Override
          public boolean isHostTransaction(Connection connection) {
            return connection == hostTransaction.get();
          }

          @Override
          public void releaseConnection(Connection connection) throws SQLException {
            if (connection != hostTransaction.get()) {
              connection.close();
            }
          }
        };
    JdbcReferralStore store = JdbcReferralStore.builder(joinsTheHost).tablePrefix(prefix).build();
    store.createSchema();
    program = JdbcPrograms.program(store);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + prefix + "shop_order (id VARCHAR(64) PRIMARY KEY)");
    }
    shopOrders = prefix + "shop_order";
  }

  private String shopOrders;

  /** The host's checkout: saves the order and converts the lead in one transaction. */
  private ConversionResult checkout(Lead lead, String orderId, boolean commit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      hostTransaction.set(c);
      try {
        try (PreparedStatement s =
            c.prepareStatement("INSERT INTO " + shopOrders + " (id) VALUES (?)")) {
          s.setString(1, orderId);
          s.executeUpdate();
        }
        ConversionResult result = program.convert(lead.id(), order(orderId, 80));
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } finally {
        hostTransaction.remove();
        c.setAutoCommit(true);
      }
    }
  }

  private int shopOrderCount() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + shopOrders)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenAHostTransaction_whenItCommits_thenTheOrderAndTheConversionAreVisible(String db)
      throws SQLException {
    // given
    setUp(db);
    Referrer jane = customer(program, "Jane");
    Lead lead = refer(program, jane, "bob");
    int rewardsBefore = program.rewardsFor(lead.id()).size();
    // when
    ConversionResult result = checkout(lead, "order-1", true);
    // then
    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
    assertEquals(1, shopOrderCount());
    assertEquals(LeadStatus.CONVERTED, program.lead(lead.id()).status());
    assertEquals(rewardsBefore + 1, program.rewardsFor(lead.id()).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenAHostTransaction_whenItRollsBack_thenNeitherTheOrderNorTheConversionIsVisible(String db)
      throws SQLException {
    // given
    setUp(db);
    Referrer jane = customer(program, "Jane");
    Lead lead = refer(program, jane, "bob");
    int followUpsBefore = program.followUpsOf(jane.id()).size();
    int rewardsBefore = program.rewardsFor(lead.id()).size();
    // when
    ConversionResult result = checkout(lead, "order-1", false);
    // then
    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome(), "as seen inside");
    assertEquals(0, shopOrderCount());
    assertEquals(LeadStatus.REFERRED, program.lead(lead.id()).status());
    assertEquals(rewardsBefore, program.rewardsFor(lead.id()).size());
    assertEquals(followUpsBefore, program.followUpsOf(jane.id()).size());
    // and the same checkout commits when tried again
    checkout(lead, "order-1", true);
    assertEquals(LeadStatus.CONVERTED, program.lead(lead.id()).status());
  }
}
