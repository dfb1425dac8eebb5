package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.eur;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.EventId;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.store.StoreSamples;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shop saves its order and converts the lead in one plain JDBC transaction of its own ({@link
 * CheckoutSample}): the library's writes join it, so they commit and roll back with the order.
 */
class HostTransactionTest {

  private DataSource dataSource;
  private CheckoutSample shop;
  private ReferralProgram program;

  private void setUp(String database) throws SQLException {
    // A fresh database per test: the sample uses fixed table names.
    dataSource =
        database.equals("h2") ? TestDatabases.newH2() : TestDatabases.freshPostgresDatabase();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE shop_order (id VARCHAR(64) PRIMARY KEY)");
    }
    shop = new CheckoutSample(dataSource, JdbcPrograms.OFFER);
    program = shop.program();
  }

  private List<String> shopOrders() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id FROM shop_order ORDER BY id")) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenACheckoutTransaction_whenItCommits_thenTheOrderAndTheConversionAreVisible(String db)
      throws SQLException {
    // given
    setUp(db);
    Referrer jane = customer(program, "Jane");
    Lead lead = refer(program, jane, "bob");
    int rewardsBefore = program.rewardsFor(lead.id()).size();
    // when
    shop.checkout("order-1", lead.id(), eur(80));
    // then
    assertEquals(List.of("order-1"), shopOrders());
    assertEquals(LeadStatus.CONVERTED, program.lead(lead.id()).status());
    assertEquals(rewardsBefore + 1, program.rewardsFor(lead.id()).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenACheckoutTransaction_whenTheShopsInsertFailsAfterTheConversion_thenNothingStays(
      String db) throws SQLException {
    // given an order id the shop already has, so its own insert fails after the conversion
    setUp(db);
    Referrer jane = customer(program, "Jane");
    Lead lead = refer(program, jane, "bob");
    int followUpsBefore = program.followUpsOf(jane.id()).size();
    int rewardsBefore = program.rewardsFor(lead.id()).size();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO shop_order (id) VALUES ('order-1')");
    }
    // when
    assertThrows(SQLException.class, () -> shop.checkout("order-1", lead.id(), eur(80)));
    // then
    assertEquals(LeadStatus.REFERRED, program.lead(lead.id()).status());
    assertEquals(rewardsBefore, program.rewardsFor(lead.id()).size());
    assertEquals(followUpsBefore, program.followUpsOf(jane.id()).size());
    // and the next checkout of the lead commits
    shop.checkout("order-2", lead.id(), eur(80));
    assertEquals(List.of("order-1", "order-2"), shopOrders());
    assertEquals(LeadStatus.CONVERTED, program.lead(lead.id()).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenAStoreCommandFailingInTheHostsTransaction_whenTheHostCommits_thenOnlyItsWritesAreLost(
      String db) throws SQLException {
    // given a store that joins the host's open transaction, with the host's own row in it
    setUp(db);
    JdbcReferralStore reader = JdbcPrograms.store(dataSource, "joined_");
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcReferralStore joined =
          JdbcReferralStore.builder(
                  new ConnectionProvider() {
                    @Override
                    public Connection getConnection() {
                      return host;
                    }

                    @Override
                    public boolean isHostTransaction(Connection connection) {
                      return true;
                    }

                    @Override
                    public void releaseConnection(Connection connection) {}
                  })
              .tablePrefix("joined_")
              .build();
      try (Statement s = host.createStatement()) {
        s.execute("INSERT INTO shop_order (id) VALUES ('order-1')");
      }
      append(joined, "E-1");
      // when a command fails at its flush (a taken event id after a fresh one), then one succeeds
      assertThrows(DuplicateKeyException.class, () -> append(joined, "E-2", "E-1"));
      append(joined, "E-3");
      host.commit();
    }
    // then
    assertEquals(List.of("order-1"), shopOrders());
    List<String> events = new ArrayList<>();
    reader.inTransaction(
        tx -> {
          for (String id : List.of("E-1", "E-2", "E-3")) {
            tx.events().find(EventId.of(id)).ifPresent(e -> events.add(e.id().value()));
          }
          return null;
        });
    assertEquals(List.of("E-1", "E-3"), events);
  }

  private static void append(JdbcReferralStore store, String... ids) {
    store.inTransaction(
        tx -> {
          for (String id : ids) {
            tx.events().append(StoreSamples.event(id, 1, StoreSamples.at(1)));
          }
          return null;
        });
  }
}
