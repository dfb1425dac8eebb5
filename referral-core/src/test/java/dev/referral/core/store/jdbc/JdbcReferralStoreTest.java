package dev.referral.core.store.jdbc;

import static dev.referral.core.store.StoreSamples.referrer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ReferrerId;
import dev.referral.core.spi.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store's configuration and schema handling. */
class JdbcReferralStoreTest {

  @Test
  void givenABadTablePrefix_whenSet_thenItIsRejectedNamingTheArgument() {
    JdbcReferralStore.Builder builder = JdbcReferralStore.builder(TestDatabases.newH2());

    for (String bad : new String[] {"", "Shop_", "1shop", "shop-", "a".repeat(31)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> builder.tablePrefix(bad), bad);
      assertTrue(e.getMessage().startsWith("tablePrefix must be"), e.getMessage());
    }
  }

  @Test
  void givenACustomPrefix_whenTheSchemaIsCreatedTwice_thenItsTablesExistOnceAndWork()
      throws SQLException {
    DataSource h2 = TestDatabases.newH2();
    JdbcReferralStore store = JdbcReferralStore.builder(h2).tablePrefix("shop_ref_").build();

    store.createSchema();
    store.createSchema();
    store.inTransaction(
        tx -> {
          tx.referrers().insert(referrer("R-1", "AAAA2345"));
          return null;
        });

    assertEquals("shop_ref_", store.tablePrefix());
    assertEquals(1, count(h2, "SELECT COUNT(*) FROM shop_ref_referrer"));
    assertEquals(
        11,
        count(
            h2,
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'SHOP\\_REF\\_%'"));
    JdbcReferralStore other = JdbcReferralStore.of(h2);
    other.createSchema();
    assertTrue(
        other.inTransaction(tx -> tx.referrers().find(ReferrerId.of("R-1"))).isEmpty(),
        "the default prefix names other tables");
  }

  @Test
  void givenNoSchema_whenUsed_thenAStoreExceptionSaysTheDatabaseFailed() {
    JdbcReferralStore store = JdbcReferralStore.of(TestDatabases.newH2());

    StoreException e =
        assertThrows(
            StoreException.class,
            () -> store.inTransaction(tx -> tx.referrers().find(ReferrerId.of("R-1"))));

    assertTrue(e.getMessage().startsWith("the database failed"), e.getMessage());
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
