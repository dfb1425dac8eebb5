package dev.referral.core.store.jdbc;

import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.ReferralStoreContract;

/** The JDBC store on PostgreSQL passes the store contract. */
class PostgresReferralStoreContractTest extends ReferralStoreContract {

  @Override
  protected ReferralStore newStore() {
    JdbcReferralStore store =
        JdbcReferralStore.builder(TestDatabases.sharedPostgres())
            .tablePrefix(TestDatabases.uniquePrefix())
            .build();
    store.createSchema();
    return store;
  }
}
