package dev.referral.core.store.jdbc;

import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.ReferralStoreContract;

/** The JDBC store on H2 passes the store contract. */
class H2ReferralStoreContractTest extends ReferralStoreContract {

  @Override
  protected ReferralStore newStore() {
    JdbcReferralStore store = JdbcReferralStore.of(TestDatabases.newH2());
    store.createSchema();
    return store;
  }
}
