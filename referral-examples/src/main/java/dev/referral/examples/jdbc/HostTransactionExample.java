package dev.referral.examples.jdbc;

import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.store.jdbc.ConnectionProvider;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import dev.referral.core.testing.SettableClock;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Joining the host's JDBC transaction: the shop saves its order and the program converts the lead
 * in one commit. When the payment is declined and the shop rolls back, the conversion, the reward
 * and the follow-ups it scheduled roll back with the order; the retried checkout commits them all.
 *
 * <p>The shop keeps its current transaction's connection in a thread-local, as a transaction
 * manager would (with Spring, use {@code DataSourceUtils}, see {@link ConnectionProvider}). The
 * store takes that connection and wraps its work in a savepoint instead of committing.
 *
 * <p>Run it with {@code mvn -q -pl referral-examples -am test-compile exec:java
 * -Dexec.mainClass=dev.referral.examples.jdbc.HostTransactionExample}.
 */
public final class HostTransactionExample {
  /**
   * What the example saw.
   *
   * @param afterRollback the lead after the declined checkout
   * @param ordersAfterRollback the shop's order rows after the declined checkout
   * @param rewardsAfterRollback the lead's rewards after the declined checkout
   * @param afterCommit the lead after the paid checkout
   * @param ordersAfterCommit the shop's order rows after the paid checkout
   * @param rewardsAfterCommit the lead's rewards after the paid checkout
   */
  public record Result(
      Lead afterRollback,
      int ordersAfterRollback,
      int rewardsAfterRollback,
      Lead afterCommit,
      int ordersAfterCommit,
      int rewardsAfterCommit) {}

  private final DataSource dataSource;
  private final ThreadLocal<@Nullable Connection> current = new ThreadLocal<>();
  private final ReferralProgram program;

  private HostTransactionExample(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    ConnectionProvider joinsTheShop =
        new ConnectionProvider() {
          @Override
          public Connection getConnection() throws SQLException {
            Connection shop = current.get();
            return shop != null ? shop : dataSource.getConnection();
          }

          @Override
          public boolean isHostTransaction(Connection connection) {
            return connection == current.get();
          }

          @Override
          public void releaseConnection(Connection connection) throws SQLException {
            if (connection != current.get()) {
              connection.close(); // the shop closes its own when its transaction ends
            }
          }
        };
    JdbcReferralStore store = JdbcReferralStore.builder(joinsTheShop).build();
    store.createSchema();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE shop_order (id VARCHAR(64) PRIMARY KEY, amount DECIMAL(12, 2))");
    }
    this.program =
        ReferralProgram.builder()
            .store(store)
            .clock(SettableClock.at("2026-03-02T09:00:00Z"))
            .offer(
                Offer.of(
                    "Give 10% off, get 10 EUR",
                    Incentive.credit(Money.of(10, "EUR")), Incentive.percentDiscount("10")))
            .build();
  }

  /** The shop's checkout: one transaction saves the order and converts the lead. */
  private void checkout(Lead lead, String orderId, Money amount, boolean paid) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      current.set(c);
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO shop_order (id, amount) VALUES (?, ?)")) {
        insert.setString(1, orderId);
        insert.setBigDecimal(2, amount.amount());
        insert.executeUpdate();
        program.convert(lead.id(), Purchase.of(orderId, amount, program.clock().instant()));
        if (paid) {
          c.commit();
        } else {
          c.rollback(); // the payment was declined: nothing of this checkout stays
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        current.remove();
      }
    }
  }

  private int orderRows() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM shop_order")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Runs the example on a fresh in-memory H2 database, printing to {@code out}. */
  public static Result run(PrintStream out) throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:host-transaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    HostTransactionExample shop = new HostTransactionExample(h2);
    ReferralProgram program = shop.program;

    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    Lead lead =
        program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.com"));
    Money amount = Money.of(80, "EUR");

    shop.checkout(lead, "order-1", amount, false);
    Lead declined = program.lead(lead.id());
    int ordersDeclined = shop.orderRows();
    int rewardsDeclined = program.rewardsFor(lead.id()).size();
    out.printf(
        "Payment declined, rolled back: lead %s, %d order rows, rewards %s%n",
        declined.status(), ordersDeclined, describe(program.rewardsFor(lead.id())));

    shop.checkout(lead, "order-1", amount, true);
    Lead paid = program.lead(lead.id());
    int ordersPaid = shop.orderRows();
    int rewardsPaid = program.rewardsFor(lead.id()).size();
    out.printf(
        "Paid, committed:              lead %s, %d order rows, rewards %s%n",
        paid.status(), ordersPaid, describe(program.rewardsFor(lead.id())));
    return new Result(declined, ordersDeclined, rewardsDeclined, paid, ordersPaid, rewardsPaid);
  }

  private static List<String> describe(List<Reward> rewards) {
    return rewards.stream().map(r -> r.beneficiary() + ": " + r.incentive().describe()).toList();
  }

  /** Runs the example. */
  public static void main(String[] args) throws SQLException {
    run(System.out);
  }
}
