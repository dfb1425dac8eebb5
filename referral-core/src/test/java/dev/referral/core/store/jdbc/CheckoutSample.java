package dev.referral.core.store.jdbc;

import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The README's JDBC samples: a program on a JDBC store that joins the shop's own checkout
 * transaction, kept by plain JDBC in a thread-local (a transaction manager does the same).
 */
final class CheckoutSample {

  private static final ThreadLocal<@Nullable Connection> CHECKOUT = new ThreadLocal<>();

  private final DataSource dataSource;
  private final ReferralProgram program;

  CheckoutSample(DataSource dataSource, Offer offer) {
    this.dataSource = dataSource;
    ConnectionProvider joinsCheckout =
        new ConnectionProvider() {
          @Override
          public Connection getConnection() throws SQLException {
            Connection checkout = CHECKOUT.get(); // the shop's open transaction, if any
            return checkout != null ? checkout : dataSource.getConnection();
          }

          @Override
          public boolean isHostTransaction(Connection connection) {
            return connection == CHECKOUT.get();
          }

          @Override
          public void releaseConnection(Connection connection) throws SQLException {
            if (connection != CHECKOUT.get()) {
              connection.close();
            }
          }
        };
    JdbcReferralStore store =
        JdbcReferralStore.builder(joinsCheckout) // or builder(dataSource): its own transactions
            .tablePrefix("shop_referral_")
            .build();
    store.createSchema(); // for tests and examples; in production run the shipped scripts
    ReferralProgram program = ReferralProgram.builder().store(store).offer(offer).build();
    this.program = program;
  }

  ReferralProgram program() {
    return program;
  }

  /** The shop's checkout: the order and the conversion commit together, or neither does. */
  void checkout(String orderId, LeadId leadId, Money amount) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      CHECKOUT.set(c);
      try {
        program.convert(leadId, Purchase.of(orderId, amount, Instant.now()));
        saveOrder(c, orderId); // the shop's own INSERT, in the same transaction
        c.commit(); // the order and the conversion, or neither
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      } finally {
        CHECKOUT.remove();
      }
    }
  }

  private static void saveOrder(Connection c, String orderId) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO shop_order (id) VALUES (?)")) {
      insert.setString(1, orderId);
      insert.executeUpdate();
    }
  }
}
