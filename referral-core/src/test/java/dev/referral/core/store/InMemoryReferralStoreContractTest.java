package dev.referral.core.store;

import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;

/** The in-memory store passes the store contract. */
class InMemoryReferralStoreContractTest extends ReferralStoreContract {

  @Override
  protected ReferralStore newStore() {
    return new InMemoryReferralStore();
  }
}
