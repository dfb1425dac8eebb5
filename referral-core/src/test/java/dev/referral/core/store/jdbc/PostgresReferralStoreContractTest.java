package dev.referral.core.store.jdbc;

import static dev.referral.core.store.StoreSamples.T0;
import static dev.referral.core.store.StoreSamples.at;
import static dev.referral.core.store.StoreSamples.event;
import static dev.referral.core.store.StoreSamples.followUp;
import static dev.referral.core.store.StoreSamples.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.ReferralStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store on PostgreSQL passes the store contract. On PostgreSQL the consecutive inserts of
 * one table go as one multi-row {@code INSERT}; the tests below check what that changes nothing of:
 * order, chunks beyond the server's parameter limit, and refused keys.
 */
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

  @Test
  void givenMoreEventsThanOneStatementTakes_whenAppendedInOneTransaction_thenAllKeptInOrder() {
    // given: 4 parameters per event, 32,767 per statement at most
    List<ReferralEvent> events = new ArrayList<>();
    for (int i = 0; i < 9_000; i++) {
      events.add(event("E-" + i, i, at(1)));
    }
    // when
    run(tx -> events.forEach(tx.events()::append));
    // then
    assertEquals(events, tx(tx -> tx.events().between(at(1), at(2))));
  }

  @Test
  void givenATakenEventIdAmongOthers_whenAppendedInOneTransaction_thenNoneIsKept() {
    // given
    run(tx -> tx.events().append(event("E-2", 2, at(2))));
    // when
    DuplicateKeyException refused =
        refused(
            tx -> {
              tx.events().append(event("E-1", 1, at(1)));
              tx.events().append(event("E-2", 2, at(2)));
              tx.events().append(event("E-3", 3, at(3)));
            });
    // then
    assertTrue(refused.getMessage().contains("E-2"), refused.getMessage());
    assertEquals(Optional.empty(), tx(tx -> tx.events().find(EventId.of("E-1"))));
    assertEquals(Optional.empty(), tx(tx -> tx.events().find(EventId.of("E-3"))));
  }

  @Test
  void givenATakenFollowUpIdAmongDeferredInserts_whenFlushed_thenTheTakenOneIsNamed() {
    // given
    run(tx -> tx.followUps().insert(followUp("F-2", "key-2", "R-1", at(2))));
    // when
    DuplicateKeyException refused =
        refused(
            tx -> {
              tx.followUps().insertDeferred(followUp("F-1", "key-1", "R-1", at(1)));
              tx.followUps().insertDeferred(followUp("F-2", "key-9", "R-1", at(2)));
              tx.followUps().insertDeferred(followUp("F-3", "key-3", "R-1", at(3)));
            });
    // then
    assertTrue(refused.getMessage().contains("F-2"), refused.getMessage());
    assertTrue(tx(tx -> tx.followUps().find(FollowUpId.of("F-1"))).isEmpty());
  }

  @Test
  void givenATakenKeyInTheMiddleOfAFlush_whenCommitted_thenItIsNamedAndNothingIsKept() {
    // given: the flush runs the follow-up inserts, then the events, in one round trip
    run(tx -> tx.followUps().insert(followUp("F-2", "key-2", "R-1", at(2))));
    // when
    DuplicateKeyException refused =
        refused(
            tx -> {
              tx.events().append(event("E-1", 1, at(1)));
              tx.followUps().insertDeferred(followUp("F-2", "key-9", "R-1", at(2)));
              tx.events().append(event("E-3", 3, at(3)));
            });
    // then
    assertTrue(refused.getMessage().contains("F-2"), refused.getMessage());
    assertEquals(List.of(), tx(tx -> tx.events().between(at(0), at(9))));
  }

  @Test
  void givenAStaleUpdateAmongOtherWrites_whenCommitted_thenConflictAndNothingIsKept() {
    // given
    Lead lead = lead("L-1", "R-1", T0);
    run(tx -> tx.leads().insert(lead, Set.of("a")));
    Lead contacted = lead.moveTo(LeadStatus.CONTACTED, at(1), "called");
    run(tx -> tx.leads().update(contacted));
    // when: the same update again, with events after it in the same flush
    assertThrows(
        StoreConflictException.class,
        () ->
            run(
                tx -> {
                  tx.leads().update(contacted);
                  tx.events().append(event("E-1", 1, at(1)));
                }));
    // then
    assertEquals(Optional.of(contacted), tx(tx -> tx.leads().find(lead.id())));
    assertEquals(List.of(), tx(tx -> tx.events().between(at(0), at(9))));
  }

  private DuplicateKeyException refused(Consumer<StoreTransaction> work) {
    return assertThrows(DuplicateKeyException.class, () -> run(work));
  }
}
