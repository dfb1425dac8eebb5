package dev.referral.examples.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.ReferralStoreContract;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The library's store contract, run against the store as this shop sets it up: the JDBC store on
 * its own HikariCP pool, with its own table prefix. The suite comes from the referral-core test jar
 * (a test-scope dependency); to check a store of your own (a decorator, another database), return
 * it from {@link #newStore()}: every test gets a fresh, empty one.
 */
class MyStoreContractTest extends ReferralStoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private HikariDataSource pool;

  @Override
  protected ReferralStore newStore() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        "jdbc:h2:mem:tea-shop-contract-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(THREADS + 2); // the concurrency tests use THREADS at once
    pool = new HikariDataSource(config);
    JdbcReferralStore store = JdbcReferralStore.builder(pool).tablePrefix("tea_").build();
    store.createSchema();
    return store;
  }

  @AfterEach
  void closePool() {
    pool.close();
  }
}
