package dev.referral.core.store;

import static dev.referral.core.store.StoreSamples.T0;
import static dev.referral.core.store.StoreSamples.at;
import static dev.referral.core.store.StoreSamples.converted;
import static dev.referral.core.store.StoreSamples.event;
import static dev.referral.core.store.StoreSamples.failure;
import static dev.referral.core.store.StoreSamples.followUp;
import static dev.referral.core.store.StoreSamples.lead;
import static dev.referral.core.store.StoreSamples.order;
import static dev.referral.core.store.StoreSamples.pendingReward;
import static dev.referral.core.store.StoreSamples.referrer;
import static dev.referral.core.store.StoreSamples.rejectedLead;
import static dev.referral.core.store.StoreSamples.reward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.IssuedCode;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Refund;
import dev.referral.core.RefundId;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.json.SampleEvents;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.OrderRecord;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of the {@link ReferralStore} SPI, as its Javadoc and the repositories' Javadoc state
 * it: every repository behaviour, transactions (commit, rollback, joining), optimistic versions,
 * duplicate keys, and the locking reads and follow-up claims under real threads.
 *
 * <p>The shipped stores (in memory, H2, PostgreSQL) pass it. To check your own store, add the
 * {@code referral-core} test-jar as a test dependency, extend this class and return a fresh, empty
 * store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends ReferralStoreContract {
 *   protected ReferralStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 *
 * The tests use {@link StoreSamples} for their values, and several threads where they test
 * concurrency; a store that may throw {@link StoreConflictException} under contention is retried as
 * the program would.
 */
public abstract class ReferralStoreContract {

  /** Threads used by the concurrency tests. */
  protected static final int THREADS = 4;

  /** The store under test, fresh for each test. */
  protected ReferralStore store;

  /** A new, empty store; called before each test. */
  protected abstract ReferralStore newStore();

  /** Creates the store under test. */
  @BeforeEach
  public void createStore() {
    store = newStore();
  }

  // Helpers

  /** Runs {@code work} in one transaction of the store under test. */
  protected <T> T tx(Function<StoreTransaction, T> work) {
    return store.inTransaction(work);
  }

  /** Runs {@code work} in one transaction of the store under test. */
  protected void run(Consumer<StoreTransaction> work) {
    store.inTransaction(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  /** Runs {@code work}, retrying when the store reports a lost race (as the program does). */
  /**
   * On {@link #THREADS} threads, {@code rounds} transactions each (retried on conflicts): a locked
   * read decides whether the transaction inserts one more row, numbered from 1 across threads.
   */
  private void lockedCheckThenInsert(
      int rounds, Predicate<StoreTransaction> mayInsert, ObjIntConsumer<StoreTransaction> insert)
      throws Exception {
    AtomicInteger ids = new AtomicInteger();
    onThreads(
        THREADS,
        () -> {
          for (int i = 0; i < rounds; i++) {
            withRetry(
                tx -> {
                  if (mayInsert.test(tx)) {
                    insert.accept(tx, ids.incrementAndGet());
                  }
                  return null;
                });
          }
          return null;
        });
  }

  protected <T> T withRetry(Function<StoreTransaction, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(work);
      } catch (StoreConflictException e) {
        if (attempt >= 100) {
          throw e;
        }
        Thread.yield();
      }
    }
  }

  private static <T> List<T> onThreads(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Money eur(long amount) {
    return Money.of(amount, "EUR");
  }

  private static final Currency EUR = Currency.getInstance("EUR");

  // Transactions

  @Test
  public void givenCommittedWork_whenReadInAnotherTransaction_thenEveryWriteIsVisible() {
    run(
        tx -> {
          tx.referrers().insert(referrer("R-1", "AAAA2345"));
          tx.leads().insert(lead("L-1", "R-1", T0), Set.of("k1"));
        });

    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-1"))).isPresent());
    assertTrue(tx(tx -> tx.leads().find(LeadId.of("L-1"))).isPresent());
  }

  @Test
  public void givenWorkThatThrows_whenRun_thenTheExceptionPropagatesAndNothingIsWritten() {
    IllegalStateException boom = new IllegalStateException("boom");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    tx -> {
                      tx.referrers().insert(referrer("R-1", "AAAA2345"));
                      tx.leads().insert(lead("L-1", "R-1", T0), Set.of("k1"));
                      tx.rewards().insert(reward("W-1", "key-1", "R-1", 10, T0));
                      tx.followUps().insert(followUp("F-1", "f-1", "R-1", T0));
                      tx.events().append(event("E-1", 0, T0));
                      throw boom;
                    }));

    assertSame(boom, thrown);
    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-1"))).isEmpty());
    assertTrue(tx(tx -> tx.referrers().findByCode(ReferralCode.parse("AAAA2345"))).isEmpty());
    assertTrue(tx(tx -> tx.leads().findHolding(List.of("k1"))).isEmpty());
    assertTrue(tx(tx -> tx.rewards().findByKey("key-1")).isEmpty());
    assertEquals(0, tx(tx -> tx.rewards().lockProgramTotals()).count());
    assertTrue(tx(tx -> tx.followUps().find(FollowUpId.of("F-1"))).isEmpty());
    assertTrue(tx(tx -> tx.events().find(EventId.of("E-1"))).isEmpty());
  }

  @Test
  public void givenAWriteInATransaction_whenReadInTheSameTransaction_thenItIsVisible() {
    boolean seen =
        tx(
            tx -> {
              tx.referrers().insert(referrer("R-1", "AAAA2345"));
              return tx.referrers().findByCode(ReferralCode.parse("AAAA2345")).isPresent();
            });

    assertTrue(seen);
  }

  @Test
  public void givenANestedTransaction_whenItRuns_thenItJoinsTheOuterOne() {
    RuntimeException boom = new RuntimeException("outer fails");

    assertThrows(
        RuntimeException.class,
        () ->
            run(
                outer -> {
                  outer.referrers().insert(referrer("R-1", "AAAA2345"));
                  boolean seenInside =
                      store.inTransaction(
                          inner -> {
                            inner.referrers().insert(referrer("R-2", "BBBB2345"));
                            return inner.referrers().find(ReferrerId.of("R-1")).isPresent();
                          });
                  assertTrue(seenInside, "the inner transaction sees the outer one's writes");
                  throw boom;
                }));

    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-2"))).isEmpty(), "rolled back");
    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-1"))).isEmpty(), "rolled back");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  public void givenAnUncommittedWrite_whenAnotherThreadReads_thenItDoesNotSeeIt() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Referrer>> reader =
          pool.submit(
              () -> {
                written.await();
                return tx(tx -> tx.referrers().find(ReferrerId.of("R-1")));
              });

      assertThrows(
          IllegalStateException.class,
          () ->
              run(
                  tx -> {
                    tx.referrers().insert(referrer("R-1", "AAAA2345"));
                    written.countDown();
                    // Give the reader a chance to read while this transaction is open.
                    sleep(200);
                    throw new IllegalStateException("roll back");
                  }));

      assertTrue(reader.get(30, TimeUnit.SECONDS).isEmpty());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // Referrers

  @Test
  public void givenAReferrer_whenInserted_thenItIsFoundByIdAndByEveryCode() {
    Referrer r = referrer("R-1", "AAAA2345");
    Referrer twoCodes =
        r.withCodes(
            List.of(
                r.codes().get(0).retire(at(1)),
                IssuedCode.active(ReferralCode.parse("CCCC2345"), at(1))));

    run(tx -> tx.referrers().insert(r));
    run(tx -> tx.referrers().update(twoCodes));

    assertEquals(Optional.of(twoCodes), tx(tx -> tx.referrers().find(r.id())));
    assertEquals(
        Optional.of(twoCodes),
        tx(tx -> tx.referrers().findByCode(ReferralCode.parse("AAAA2345"))),
        "a retired code still finds its referrer");
    assertEquals(
        Optional.of(twoCodes), tx(tx -> tx.referrers().findByCode(ReferralCode.parse("CCCC2345"))));
    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-9"))).isEmpty());
    assertTrue(tx(tx -> tx.referrers().findByCode(ReferralCode.parse("ZZZZ2345"))).isEmpty());
  }

  @Test
  public void givenAReferrer_whenInsertedAgainOrWithATakenCode_thenDuplicateKey() {
    run(tx -> tx.referrers().insert(referrer("R-1", "AAAA2345")));

    DuplicateKeyException sameId =
        assertThrows(
            DuplicateKeyException.class,
            () -> run(tx -> tx.referrers().insert(referrer("R-1", "BBBB2345"))));
    DuplicateKeyException sameCode =
        assertThrows(
            DuplicateKeyException.class,
            () -> run(tx -> tx.referrers().insert(referrer("R-2", "AAAA2345"))));

    assertEquals("AAAA2345", sameCode.key());
    assertEquals("R-1", sameId.key());
    assertTrue(tx(tx -> tx.referrers().find(ReferrerId.of("R-2"))).isEmpty());
    assertTrue(tx(tx -> tx.referrers().findByCode(ReferralCode.parse("BBBB2345"))).isEmpty());
  }

  @Test
  public void givenAReferrer_whenUpdatedWithAnotherReferrersCode_thenDuplicateKey() {
    run(tx -> tx.referrers().insert(referrer("R-1", "AAAA2345")));
    run(tx -> tx.referrers().insert(referrer("R-2", "BBBB2345")));
    Referrer r1 = tx(tx -> tx.referrers().find(ReferrerId.of("R-1"))).orElseThrow();

    assertThrows(
        DuplicateKeyException.class,
        () ->
            run(
                tx ->
                    tx.referrers()
                        .update(
                            r1.withCodes(
                                List.of(
                                    r1.codes().get(0),
                                    IssuedCode.active(ReferralCode.parse("BBBB2345"), at(1)))))));

    assertEquals(Optional.of(r1), tx(tx -> tx.referrers().find(r1.id())));
  }

  @Test
  public void givenAReferrer_whenUpdatedFromAStaleVersion_thenConflictAndNothingChanges() {
    Referrer r = referrer("R-1", "AAAA2345");
    run(tx -> tx.referrers().insert(r));
    run(tx -> tx.referrers().update(r.withStatus(ReferrerStatus.PAUSED)));

    assertThrows(
        StoreConflictException.class,
        () -> run(tx -> tx.referrers().update(r.withStatus(ReferrerStatus.BLOCKED))));
    assertThrows(
        UnknownIdException.class,
        () -> run(tx -> tx.referrers().update(referrer("R-9", "ZZZZ2345").withConsent(false))));

    assertEquals(
        ReferrerStatus.PAUSED, tx(tx -> tx.referrers().find(r.id())).orElseThrow().status());
  }

  // Leads

  @Test
  public void givenALeadRead_whenItsReferrerAndFollowUpsChangeInTheTransaction_thenReadsSeeIt() {
    Referrer r = referrer("R-1", "AAAA2345");
    Lead l = lead("L-1", "R-1", T0);
    FollowUp first = followUp("F-1", "k1", "R-1", Optional.of("L-1"), at(1));
    run(
        tx -> {
          tx.referrers().insert(r);
          tx.leads().insert(l, Set.of("email:a"));
          tx.followUps().insert(first);
        });
    Referrer paused = r.withStatus(ReferrerStatus.PAUSED);
    FollowUp second = followUp("F-2", "k2", "R-1", Optional.of("L-1"), at(2));
    FollowUp cancelled = first.cancel(at(1), "converted");

    List<Object> seen =
        tx(
            tx -> {
              List<Object> reads = new ArrayList<>();
              reads.add(tx.leads().find(l.id()).orElseThrow());
              reads.add(tx.leads().identityKeys(l.id()));
              reads.add(tx.followUps().findByLead(l.id()));
              reads.add(tx.referrers().find(r.id()).orElseThrow());
              tx.referrers().update(paused);
              tx.followUps().update(cancelled);
              tx.followUps().insertDeferred(second);
              reads.add(tx.referrers().find(r.id()).orElseThrow());
              reads.add(tx.followUps().findByLead(l.id()));
              return reads;
            });

    assertEquals(
        List.of(l, Set.of("email:a"), List.of(first), r, paused, List.of(cancelled, second)), seen);
  }

  @Test
  public void givenALead_whenInserted_thenItIsFoundWithItsIdentityKeys() {
    Lead l = lead("L-1", "R-1", T0);

    run(tx -> tx.leads().insert(l, Set.of("email:a", "phone:1")));

    assertEquals(Optional.of(l), tx(tx -> tx.leads().find(l.id())));
    assertEquals(Set.of("email:a", "phone:1"), tx(tx -> tx.leads().identityKeys(l.id())));
    assertEquals(Set.of(), tx(tx -> tx.leads().identityKeys(LeadId.of("L-9"))));
    assertEquals(Optional.of(l), tx(tx -> tx.leads().findHolding(List.of("x", "phone:1"))));
    assertTrue(tx(tx -> tx.leads().findHolding(List.of("x", "y"))).isEmpty());
    assertThrows(
        DuplicateKeyException.class,
        () -> run(tx -> tx.leads().insert(lead("L-1", "R-1", T0), Set.of("other"))));
  }

  @Test
  public void givenAHoldingLead_whenAnotherHoldingLeadSharesAKey_thenDuplicateKey() {
    run(tx -> tx.leads().insert(lead("L-1", "R-1", T0), Set.of("email:a")));

    DuplicateKeyException e =
        assertThrows(
            DuplicateKeyException.class,
            () -> run(tx -> tx.leads().insert(lead("L-2", "R-2", at(1)), Set.of("b", "email:a"))));
    run(tx -> tx.leads().insert(rejectedLead("L-3", "R-2", at(2)), Set.of("email:a")));

    assertEquals("email:a", e.key());
    assertTrue(tx(tx -> tx.leads().find(LeadId.of("L-2"))).isEmpty());
    assertEquals(
        LeadId.of("L-1"), tx(tx -> tx.leads().findHolding(List.of("email:a"))).orElseThrow().id());
    assertEquals(
        Set.of("L-1", "L-3"),
        ids(tx(tx -> tx.leads().findByIdentity(List.of("email:a"), T0))),
        "a rejected lead is found by identity but holds nothing");
  }

  @Test
  public void givenAHoldingLead_whenItIsLost_thenItReleasesItsKeys() {
    Lead l = lead("L-1", "R-1", T0);
    run(tx -> tx.leads().insert(l, Set.of("email:a")));

    run(tx -> tx.leads().update(l.moveTo(LeadStatus.LOST, at(1), "gone")));
    run(tx -> tx.leads().insert(lead("L-2", "R-1", at(2)), Set.of("email:a")));

    assertEquals(
        LeadId.of("L-2"), tx(tx -> tx.leads().findHolding(List.of("email:a"))).orElseThrow().id());
    assertEquals(Set.of("email:a"), tx(tx -> tx.leads().identityKeys(l.id())));
  }

  @Test
  public void givenLeads_whenSearchedByIdentityAndReferrerSinceATime_thenOnlyLaterOnesAreFound() {
    run(
        tx -> {
          tx.leads().insert(lead("L-1", "R-1", at(0)), Set.of("a"));
          tx.leads().update(lead("L-1", "R-1", at(0)).moveTo(LeadStatus.LOST, at(1), "gone"));
          tx.leads().insert(lead("L-2", "R-1", at(10)), Set.of("a", "b"));
          tx.leads().insert(rejectedLead("L-3", "R-2", at(20)), Set.of("b"));
          tx.leads().insert(lead("L-4", "R-2", at(30)), Set.of("c"));
        });

    assertEquals(
        Set.of("L-1", "L-2", "L-3"),
        ids(tx(tx -> tx.leads().findByIdentity(List.of("a", "b"), T0))));
    assertEquals(
        Set.of("L-2", "L-3"), ids(tx(tx -> tx.leads().findByIdentity(List.of("a", "b"), at(10)))));
    assertEquals(Set.of(), ids(tx(tx -> tx.leads().findByIdentity(List.of("z"), T0))));
    assertEquals(
        Set.of("L-1", "L-2"), ids(tx(tx -> tx.leads().findByReferrer(ReferrerId.of("R-1"), T0))));
    assertEquals(
        Set.of("L-4"), ids(tx(tx -> tx.leads().findByReferrer(ReferrerId.of("R-2"), at(21)))));
    assertEquals(
        Set.of("L-3", "L-4"),
        ids(tx(tx -> tx.leads().findByReferrer(ReferrerId.of("R-2"), T0))),
        "rejected leads included");
  }

  @Test
  public void givenOpenAndClosedLeads_whenFindingExpired_thenOnlyOpenOnesPastTheirWindow() {
    Instant day = at(24);
    run(
        tx -> {
          tx.leads().insert(lead("L-1", "R-1", at(0)), Set.of("a"));
          tx.leads().insert(lead("L-2", "R-1", at(1)), Set.of("b"));
          tx.leads().insert(lead("L-3", "R-1", at(2)), Set.of("c"));
          tx.leads().insert(lead("L-4", "R-1", day), Set.of("d"));
          tx.leads().update(converted(lead("L-3", "R-1", at(2)), "O-3", at(3)));
        });
    Instant windowOfL2Closed = at(1).plusSeconds(30L * 24 * 3600);

    assertEquals(
        List.of("L-1", "L-2"), idList(tx(tx -> tx.leads().findExpired(windowOfL2Closed, 10))));
    assertEquals(List.of("L-1"), idList(tx(tx -> tx.leads().findExpired(windowOfL2Closed, 1))));
    assertEquals(List.of(), idList(tx(tx -> tx.leads().findExpired(at(5), 10))));
  }

  @Test
  public void givenConvertedLeads_whenCounting_thenCountsPerPeriod() {
    Instant yearStart = Instant.parse("2030-01-01T00:00:00Z");
    Instant monthStart = Instant.parse("2030-03-01T00:00:00Z");
    run(
        tx -> {
          tx.leads().insert(lead("L-1", "R-1", Instant.parse("2029-12-01T00:00:00Z")), Set.of("a"));
          tx.leads().insert(lead("L-2", "R-1", Instant.parse("2030-02-01T00:00:00Z")), Set.of("b"));
          tx.leads().insert(lead("L-3", "R-1", Instant.parse("2030-03-02T00:00:00Z")), Set.of("c"));
          tx.leads().insert(lead("L-4", "R-1", Instant.parse("2030-03-03T00:00:00Z")), Set.of("d"));
          tx.leads().insert(lead("L-5", "R-2", Instant.parse("2030-03-03T00:00:00Z")), Set.of("e"));
        });
    run(
        tx -> {
          for (String id : List.of("L-1", "L-2", "L-3", "L-5")) {
            Lead l = tx.leads().find(LeadId.of(id)).orElseThrow();
            tx.leads().update(converted(l, "O-" + id, l.referredAt().plusSeconds(3600)));
          }
        });

    assertEquals(
        new PeriodCounts(1, 2, 3),
        tx(tx -> tx.leads().conversionCounts(ReferrerId.of("R-1"), monthStart, yearStart)));
    assertEquals(
        new PeriodCounts(0, 0, 0),
        tx(tx -> tx.leads().conversionCounts(ReferrerId.of("R-9"), monthStart, yearStart)));
  }

  @Test
  public void givenALead_whenUpdatedFromAStaleVersionOrUnknown_thenConflictOrUnknownId() {
    Lead l = lead("L-1", "R-1", T0);
    run(tx -> tx.leads().insert(l, Set.of("a")));
    Lead contacted = l.moveTo(LeadStatus.CONTACTED, at(1), "called");
    run(tx -> tx.leads().update(contacted));

    assertThrows(
        StoreConflictException.class,
        () -> run(tx -> tx.leads().update(l.moveTo(LeadStatus.LOST, at(2), "stale"))));
    assertThrows(
        UnknownIdException.class,
        () ->
            run(
                tx ->
                    tx.leads()
                        .update(lead("L-9", "R-1", T0).moveTo(LeadStatus.LOST, at(2), "none"))));

    assertEquals(Optional.of(contacted), tx(tx -> tx.leads().find(l.id())));
    assertEquals(l.id(), tx(tx -> tx.leads().findHolding(List.of("a"))).orElseThrow().id());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  public void givenOneLead_whenThreadsUpdateTheSameVersionAtOnce_thenExactlyOneWins()
      throws Exception {
    Lead l = lead("L-1", "R-1", T0);
    run(tx -> tx.leads().insert(l, Set.of("a")));
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    AtomicInteger n = new AtomicInteger();

    List<Boolean> won =
        onThreads(
            THREADS,
            () -> {
              int i = n.incrementAndGet();
              // Every thread updates from the same stored version, as far in parallel as it gets.
              barrier.await(30, TimeUnit.SECONDS);
              try {
                run(tx -> tx.leads().update(converted(l, "O-" + i, at(1))));
                return true;
              } catch (StoreConflictException e) {
                return false;
              }
            });

    assertEquals(1, won.stream().filter(w -> w).count());
    assertEquals(2, tx(tx -> tx.leads().find(l.id())).orElseThrow().version());
  }

  // Orders

  @Test
  public void givenAnOrderAndLeads_whenFoundWithALead_thenTheOrderIsFoundWhicheverLeadItHas() {
    Lead l1 = lead("L-1", "R-1", T0);
    Lead l2 = lead("L-2", "R-1", T0);
    OrderRecord o = order("O-1", "L-1", T0);
    run(
        tx -> {
          tx.referrers().insert(referrer("R-1", "AAAA2345"));
          tx.leads().insert(l1, Set.of("email:a"));
          tx.leads().insert(l2, Set.of("email:b"));
          tx.orders().insert(o);
        });
    Lead converted = converted(l1, "O-2", at(1));

    List<Object> seen =
        tx(
            tx -> {
              List<Object> reads = new ArrayList<>();
              reads.add(tx.orders().findWithLead(o.orderId(), l1.id()));
              reads.add(tx.orders().findWithLead(o.orderId(), l2.id()));
              reads.add(tx.orders().findWithLead(OrderId.of("O-2"), l1.id()));
              reads.add(tx.orders().findWithLead(OrderId.of("O-2"), LeadId.of("L-9")));
              reads.add(tx.leads().find(l1.id()));
              reads.add(tx.leads().identityKeys(l1.id()));
              tx.leads().update(converted);
              reads.add(tx.leads().find(l1.id()));
              reads.add(tx.leads().find(LeadId.of("L-9")));
              return reads;
            });

    assertEquals(
        List.of(
            Optional.of(o),
            Optional.of(o),
            Optional.empty(),
            Optional.empty(),
            Optional.of(l1),
            Set.of("email:a"),
            Optional.of(converted),
            Optional.empty()),
        seen);
  }

  @Test
  public void givenAnOrder_whenInsertedAndRefunded_thenFoundWithItsRefunds() {
    OrderRecord o = order("O-1", "L-1", T0);
    run(tx -> tx.orders().insert(o));
    OrderRecord refunded =
        o.withRefund(new Refund(RefundId.of("RF-1"), o.orderId(), eur(30), at(1), "damaged"));

    run(tx -> tx.orders().update(refunded));

    assertEquals(Optional.of(refunded), tx(tx -> tx.orders().find(o.orderId())));
    assertTrue(tx(tx -> tx.orders().find(OrderId.of("O-9"))).isEmpty());
    assertThrows(DuplicateKeyException.class, () -> run(tx -> tx.orders().insert(o)));
    assertThrows(StoreConflictException.class, () -> run(tx -> tx.orders().update(refunded)));
    assertThrows(
        UnknownIdException.class,
        () ->
            run(
                tx ->
                    tx.orders()
                        .update(
                            order("O-9", "L-1", T0)
                                .withRefund(
                                    new Refund(
                                        RefundId.of("RF-2"),
                                        OrderId.of("O-9"),
                                        eur(1),
                                        at(1),
                                        "x")))));
  }

  // Rewards

  @Test
  public void givenRewards_whenInserted_thenFoundByIdKeyOrderLeadAndReferrer() {
    Reward w1 = reward("W-1", "k-1", "R-1", Optional.of("L-1"), Optional.of("O-1"), 10, at(1));
    Reward w2 = reward("W-2", "k-2", "R-1", Optional.of("L-1"), Optional.of("O-2"), 20, at(2));
    Reward w3 = reward("W-3", "k-3", "R-2", Optional.of("L-2"), Optional.of("O-1"), 30, at(3));
    run(
        tx -> {
          tx.rewards().insert(w1);
          tx.rewards().insert(w2);
          tx.rewards().insert(w3);
        });

    assertEquals(Optional.of(w1), tx(tx -> tx.rewards().find(w1.id())));
    assertEquals(Optional.of(w2), tx(tx -> tx.rewards().findByKey("k-2")));
    assertTrue(tx(tx -> tx.rewards().findByKey("k-9")).isEmpty());
    assertTrue(tx(tx -> tx.rewards().find(RewardId.of("W-9"))).isEmpty());
    assertEquals(List.of(w1, w3), tx(tx -> tx.rewards().findByOrder(OrderId.of("O-1"))));
    assertEquals(List.of(w1, w2), tx(tx -> tx.rewards().findByLead(LeadId.of("L-1"))));
    assertEquals(List.of(w1, w2), tx(tx -> tx.rewards().findByReferrer(ReferrerId.of("R-1"))));
    assertEquals(List.of(), tx(tx -> tx.rewards().findByReferrer(ReferrerId.of("R-9"))));
  }

  @Test
  public void givenAReward_whenItsIdOrKeyIsTaken_thenDuplicateKeyAndNothingSaved() {
    run(tx -> tx.rewards().insert(reward("W-1", "k-1", "R-1", 10, T0)));

    DuplicateKeyException sameKey =
        assertThrows(
            DuplicateKeyException.class,
            () -> run(tx -> tx.rewards().insert(reward("W-2", "k-1", "R-1", 10, T0))));
    DuplicateKeyException sameId =
        assertThrows(
            DuplicateKeyException.class,
            () -> run(tx -> tx.rewards().insert(reward("W-1", "k-2", "R-1", 10, T0))));

    assertEquals("k-1", sameKey.key());
    assertEquals("W-1", sameId.key());
    assertEquals(1, tx(tx -> tx.rewards().findByReferrer(ReferrerId.of("R-1"))).size());
    assertEquals(eur(10), tx(tx -> tx.rewards().lockProgramTotals()).amount(EUR));
  }

  @Test
  public void givenAReward_whenUpdated_thenVersionsAndTheKeyAreChecked() {
    Reward w = reward("W-1", "k-1", "R-1", 10, T0);
    run(tx -> tx.rewards().insert(w));
    Reward redeemed = w.redeem(at(1));

    run(tx -> tx.rewards().update(redeemed));

    assertEquals(Optional.of(redeemed), tx(tx -> tx.rewards().find(w.id())));
    assertThrows(StoreConflictException.class, () -> run(tx -> tx.rewards().update(redeemed)));
    assertThrows(
        UnknownIdException.class,
        () -> run(tx -> tx.rewards().update(reward("W-9", "k-9", "R-1", 1, T0).redeem(at(1)))));
    Reward otherKey = reward("W-1", "k-other", "R-1", 10, T0);
    Reward rekeyed =
        new Reward(
            otherKey.id(),
            "k-other",
            otherKey.referrerId(),
            otherKey.leadId(),
            otherKey.beneficiary(),
            otherKey.incentive(),
            otherKey.value(),
            otherKey.reason(),
            otherKey.status(),
            otherKey.orderId(),
            otherKey.grantedAt(),
            otherKey.holdUntil(),
            otherKey.approvalRequired(),
            otherKey.approvedAt(),
            otherKey.expiresAt(),
            otherKey.issuedAt(),
            otherKey.closedAt(),
            otherKey.note(),
            otherKey.deniedBy(),
            3);
    assertThrows(IllegalArgumentException.class, () -> run(tx -> tx.rewards().update(rekeyed)));
  }

  @Test
  public void givenPendingRewards_whenFindingReleasable_thenOnlyThoseHeldLongEnoughAndApproved() {
    Reward free = pendingReward("W-1", "R-1", T0, at(1), false);
    Reward held = pendingReward("W-2", "R-1", T0, at(48), false);
    Reward unapproved = pendingReward("W-3", "R-1", T0, at(1), true);
    Reward approved = pendingReward("W-4", "R-1", T0, at(1), true);
    run(
        tx -> {
          tx.rewards().insert(free);
          tx.rewards().insert(held);
          tx.rewards().insert(unapproved);
          tx.rewards().insert(approved);
          tx.rewards().insert(reward("W-5", "k-5", "R-1", 1, T0));
          tx.rewards().update(approved.approve(at(1), "ok"));
        });

    assertEquals(Set.of("W-1", "W-4"), rewardIds(tx(tx -> tx.rewards().findReleasable(at(2), 10))));
    assertEquals(1, tx(tx -> tx.rewards().findReleasable(at(2), 1)).size());
    assertEquals(
        Set.of("W-1", "W-2", "W-4"), rewardIds(tx(tx -> tx.rewards().findReleasable(at(48), 10))));

    run(tx -> tx.rewards().update(free.issue(at(3))));

    assertEquals(Set.of("W-4"), rewardIds(tx(tx -> tx.rewards().findReleasable(at(3), 10))));
  }

  @Test
  public void givenIssuedRewards_whenFindingExpiring_thenOnlyIssuedOnesPastTheirExpiry() {
    Reward w1 = reward("W-1", "k-1", "R-1", 1, at(0));
    Reward w2 = reward("W-2", "k-2", "R-1", 1, at(10));
    Reward w3 = reward("W-3", "k-3", "R-1", 1, at(20));
    run(
        tx -> {
          tx.rewards().insert(w3);
          tx.rewards().insert(w1);
          tx.rewards().insert(w2);
          tx.rewards().update(w2.redeem(at(11)));
        });
    Instant w3Expiry = w3.expiresAt().orElseThrow();

    assertEquals(
        List.of("W-1", "W-3"), rewardIdList(tx(tx -> tx.rewards().findExpiring(w3Expiry, 10))));
    assertEquals(List.of("W-1"), rewardIdList(tx(tx -> tx.rewards().findExpiring(w3Expiry, 1))));
    assertEquals(List.of(), rewardIdList(tx(tx -> tx.rewards().findExpiring(at(30), 10))));
  }

  @Test
  public void givenGrantedAndRevokedRewards_whenTotalled_thenPeriodsAndTheBudgetCountOnlyGranted() {
    Instant yearStart = Instant.parse("2030-01-01T00:00:00Z");
    Instant monthStart = Instant.parse("2030-03-01T00:00:00Z");
    Reward revoked = reward("W-4", "k-4", "R-1", 1000, Instant.parse("2030-03-10T00:00:00Z"));
    run(
        tx -> {
          tx.rewards()
              .insert(reward("W-1", "k-1", "R-1", 10, Instant.parse("2029-06-01T00:00:00Z")));
          tx.rewards()
              .insert(reward("W-2", "k-2", "R-1", 20, Instant.parse("2030-02-01T00:00:00Z")));
          tx.rewards()
              .insert(reward("W-3", "k-3", "R-1", 40, Instant.parse("2030-03-02T00:00:00Z")));
          tx.rewards().insert(revoked);
          tx.rewards()
              .insert(reward("W-5", "k-5", "R-2", 80, Instant.parse("2030-03-02T00:00:00Z")));
          tx.rewards().update(revoked.revoke(at(1), "refund"));
        });

    PeriodTotals r1 =
        tx(tx -> tx.rewards().referrerTotals(ReferrerId.of("R-1"), monthStart, yearStart));
    PeriodTotals locked =
        tx(tx -> tx.rewards().lockReferrerTotals(ReferrerId.of("R-1"), monthStart, yearStart));
    LedgerTotals program = tx(tx -> tx.rewards().lockProgramTotals());

    assertEquals(new LedgerTotals(1, Map.of(EUR, eur(40))), r1.thisMonth());
    assertEquals(new LedgerTotals(2, Map.of(EUR, eur(60))), r1.thisYear());
    assertEquals(new LedgerTotals(3, Map.of(EUR, eur(70))), r1.lifetime());
    assertEquals(r1, locked);
    assertEquals(
        PeriodTotals.ZERO,
        tx(tx -> tx.rewards().referrerTotals(ReferrerId.of("R-9"), monthStart, yearStart)));
    assertEquals(4, program.count());
    assertEquals(eur(150), program.amount(EUR));
  }

  @Test
  public void givenARewardAdjustedDown_whenTotalled_thenTheBudgetCountsTheNewValue() {
    Reward w = reward("W-1", "k-1", "R-1", 100, T0);
    run(tx -> tx.rewards().insert(w));

    run(tx -> tx.rewards().update(w.adjustValue(eur(60), "partial refund")));

    LedgerTotals program = tx(tx -> tx.rewards().lockProgramTotals());
    assertEquals(1, program.count());
    assertEquals(eur(60), program.amount(EUR));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  public void givenAReferrerLimit_whenThreadsGrantAtOnceUnderTheLock_thenTheLimitHolds()
      throws Exception {
    int limit = 5;
    run(tx -> tx.referrers().insert(referrer("R-1", "AAAA2345")));

    lockedCheckThenInsert(
        4,
        tx -> {
          PeriodTotals totals = tx.rewards().lockReferrerTotals(ReferrerId.of("R-1"), T0, T0);
          Thread.yield();
          return totals.lifetime().count() < limit;
        },
        (tx, id) -> tx.rewards().insert(reward("W-" + id, "k-" + id, "R-1", 10, at(1))));

    assertEquals(limit, tx(tx -> tx.rewards().findByReferrer(ReferrerId.of("R-1"))).size());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  public void givenAVelocityLimit_whenThreadsReferAtOnceUnderTheLock_thenTheLimitHolds()
      throws Exception {
    int limit = 5;
    run(tx -> tx.referrers().insert(referrer("R-1", "AAAA2345")));

    lockedCheckThenInsert(
        4,
        tx -> {
          List<Lead> recent = tx.leads().lockAndFindByReferrer(ReferrerId.of("R-1"), T0);
          // widens the window in which an unlocked read races
          java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
          return recent.size() < limit;
        },
        (tx, id) -> tx.leads().insert(lead("L-" + id, "R-1", at(1)), Set.of("email:" + id)));

    assertEquals(limit, tx(tx -> tx.leads().findByReferrer(ReferrerId.of("R-1"), T0)).size());
    assertEquals(
        limit, tx(tx -> tx.leads().lockAndFindByReferrer(ReferrerId.of("R-1"), T0)).size());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  public void givenABudget_whenThreadsGrantAtOnceUnderTheLock_thenTheBudgetHolds()
      throws Exception {
    Money budget = eur(70);

    lockedCheckThenInsert(
        5,
        tx -> {
          LedgerTotals spent = tx.rewards().lockProgramTotals();
          Thread.yield();
          return spent.amount(EUR).plus(eur(10)).compareTo(budget) <= 0;
        },
        (tx, id) -> tx.rewards().insert(reward("W-" + id, "k-" + id, "R-" + (id % 3), 10, at(1))));

    LedgerTotals spent = tx(tx -> tx.rewards().lockProgramTotals());
    assertEquals(budget, spent.amount(EUR));
    assertEquals(7, spent.count());
  }

  // Follow-ups

  @Test
  public void givenAFollowUp_whenInsertedTwiceWithTheSameKey_thenSavedOnce() {
    FollowUp f = followUp("F-1", "key-1", "R-1", Optional.of("L-1"), at(1));

    assertTrue((boolean) tx(tx -> tx.followUps().insert(f)));
    assertFalse((boolean) tx(tx -> tx.followUps().insert(followUp("F-2", "key-1", "R-1", at(2)))));
    assertThrows(
        DuplicateKeyException.class,
        () -> run(tx -> tx.followUps().insert(followUp("F-1", "key-2", "R-1", at(2)))));

    assertEquals(Optional.of(f), tx(tx -> tx.followUps().find(f.id())));
    assertTrue(tx(tx -> tx.followUps().find(FollowUpId.of("F-2"))).isEmpty());
  }

  @Test
  public void givenDeferredInserts_whenReadInTheSameTransaction_thenSavedOncePerKey() {
    FollowUp first = followUp("F-1", "key-1", "R-1", Optional.of("L-1"), at(1));
    FollowUp second = followUp("F-2", "key-2", "R-1", Optional.of("L-1"), at(2));

    List<FollowUp> seen =
        tx(
            tx -> {
              tx.followUps().insertDeferred(first);
              tx.followUps().insertDeferred(followUp("F-3", "key-1", "R-1", at(3)));
              tx.followUps().insertDeferred(second);
              return tx.followUps().findByLead(LeadId.of("L-1"));
            });
    run(tx -> tx.followUps().insertDeferred(followUp("F-4", "key-2", "R-1", at(4))));

    assertEquals(List.of(first, second), seen);
    assertEquals(List.of(first, second), tx(tx -> tx.followUps().findByLead(LeadId.of("L-1"))));
    assertTrue(tx(tx -> tx.followUps().find(FollowUpId.of("F-3"))).isEmpty());
    assertTrue(tx(tx -> tx.followUps().find(FollowUpId.of("F-4"))).isEmpty());
    assertThrows(
        DuplicateKeyException.class,
        () -> run(tx -> tx.followUps().insertDeferred(followUp("F-1", "key-5", "R-1", at(5)))));
  }

  @Test
  public void givenFollowUps_whenSearchedByLeadAndReferrer_thenPendingAndAllAreFound() {
    run(
        tx -> {
          tx.followUps().insert(followUp("F-1", "k1", "R-1", Optional.of("L-1"), at(1)));
          tx.followUps().insert(followUp("F-2", "k2", "R-1", Optional.of("L-1"), at(2)));
          tx.followUps().insert(followUp("F-3", "k3", "R-1", at(3)));
          tx.followUps().insert(followUp("F-4", "k4", "R-2", Optional.of("L-2"), at(4)));
          FollowUp f2 = tx.followUps().find(FollowUpId.of("F-2")).orElseThrow();
          tx.followUps().update(f2.cancel(at(1), "converted"));
        });

    assertEquals(
        Set.of("F-1"), followUpIds(tx(tx -> tx.followUps().findPendingByLead(LeadId.of("L-1")))));
    assertEquals(
        List.of("F-1", "F-2"),
        followUpIdList(tx(tx -> tx.followUps().findByLead(LeadId.of("L-1")))));
    assertEquals(
        Set.of("F-1", "F-3"),
        followUpIds(tx(tx -> tx.followUps().findPendingByReferrer(ReferrerId.of("R-1")))));
    assertEquals(
        List.of("F-1", "F-2", "F-3"),
        followUpIdList(tx(tx -> tx.followUps().findByReferrer(ReferrerId.of("R-1")))));
    assertEquals(
        Map.of(FollowUpStatus.PENDING, 3L, FollowUpStatus.CANCELLED, 1L),
        tx(tx -> tx.followUps().countByStatus()));
  }

  @Test
  public void givenAFollowUp_whenUpdatedFromAStaleVersionOrUnknown_thenConflictOrUnknownId() {
    FollowUp f = followUp("F-1", "k1", "R-1", at(1));
    run(tx -> tx.followUps().insert(f));
    run(tx -> tx.followUps().update(f.cancel(at(1), "stop")));

    assertThrows(
        StoreConflictException.class, () -> run(tx -> tx.followUps().update(f.sent(at(2)))));
    assertThrows(
        UnknownIdException.class,
        () -> run(tx -> tx.followUps().update(followUp("F-9", "k9", "R-1", at(1)).sent(at(2)))));
    assertEquals(
        FollowUpStatus.CANCELLED, tx(tx -> tx.followUps().find(f.id())).orElseThrow().status());
  }

  @Test
  public void givenDueFollowUps_whenClaimed_thenEarliestFirstUpToTheLimitAndLeased() {
    run(
        tx -> {
          tx.followUps().insert(followUp("F-3", "k3", "R-1", at(3)));
          tx.followUps().insert(followUp("F-1", "k1", "R-1", at(1)));
          tx.followUps().insert(followUp("F-2", "k2", "R-1", at(2)));
          tx.followUps().insert(followUp("F-9", "k9", "R-1", at(9)));
        });

    List<FollowUp> first = tx(tx -> tx.followUps().claimDue(at(5), 2, "token-a", at(6)));
    Optional<FollowUp> storedAfterClaim = tx(tx -> tx.followUps().find(FollowUpId.of("F-1")));
    List<FollowUp> second = tx(tx -> tx.followUps().claimDue(at(5), 10, "token-b", at(6)));
    List<FollowUp> none = tx(tx -> tx.followUps().claimDue(at(5), 10, "token-c", at(6)));
    List<FollowUp> afterLease = tx(tx -> tx.followUps().claimDue(at(6), 10, "token-d", at(7)));

    assertEquals(List.of("F-1", "F-2"), followUpIdList(first));
    assertEquals(FollowUpStatus.CLAIMED, first.get(0).status());
    assertEquals(Optional.of("token-a"), first.get(0).claimToken());
    assertEquals(1, first.get(0).attempts());
    assertEquals(Optional.of(first.get(0)), storedAfterClaim);
    assertEquals(List.of("F-3"), followUpIdList(second));
    assertEquals(List.of(), none);
    assertEquals(List.of("F-1", "F-2", "F-3"), followUpIdList(afterLease), "leases ran out");
    assertEquals(2, afterLease.get(0).attempts());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  public void givenManyDueFollowUps_whenThreadsClaimAtOnce_thenEachIsClaimedExactlyOnce()
      throws Exception {
    int count = 400;
    run(
        tx -> {
          for (int i = 0; i < count; i++) {
            tx.followUps().insert(followUp("F-" + i, "k" + i, "R-" + (i % 7), at(i % 10)));
          }
        });
    Map<FollowUpId, String> claimedBy = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger tokens = new AtomicInteger();

    onThreads(
        THREADS,
        () -> {
          String token = "node-" + tokens.incrementAndGet();
          while (true) {
            List<FollowUp> claimed =
                withRetry(tx -> tx.followUps().claimDue(at(10), 7, token, at(100)));
            if (claimed.isEmpty()) {
              return null;
            }
            for (FollowUp f : claimed) {
              if (claimedBy.putIfAbsent(f.id(), token) != null) {
                duplicates.incrementAndGet();
              }
              withRetry(
                  tx -> {
                    tx.followUps().update(f.sent(at(11)));
                    return null;
                  });
            }
          }
        });

    assertEquals(0, duplicates.get());
    assertEquals(count, claimedBy.size());
    assertEquals(
        Map.of(FollowUpStatus.SENT, (long) count), tx(tx -> tx.followUps().countByStatus()));
  }

  // Events

  @Test
  public void givenEvents_whenAppended_thenFoundByIdAndBetweenTimesInAppendOrder() {
    List<ReferralEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(event("E-" + i, i, at(10 - i)));
    }
    run(tx -> events.forEach(tx.events()::append));

    assertEquals(Optional.of(events.get(2)), tx(tx -> tx.events().find(EventId.of("E-2"))));
    assertTrue(tx(tx -> tx.events().find(EventId.of("E-9"))).isEmpty());
    assertEquals(
        List.of(events.get(1), events.get(2), events.get(3)),
        tx(tx -> tx.events().between(at(7), at(10))));
    assertThrows(DuplicateKeyException.class, () -> run(tx -> tx.events().append(events.get(0))));
  }

  @Test
  public void givenAnEventOfEveryType_whenAppendedAndReadBack_thenItIsEqual() {
    for (EventType type : EventType.values()) {
      ReferralEvent event = SampleEvents.of(type);
      RuntimeException undo = new RuntimeException("undo");

      // Each sample has the same id: append it in a transaction that is then rolled back.
      RuntimeException thrown =
          assertThrows(
              RuntimeException.class,
              () ->
                  run(
                      tx -> {
                        tx.events().append(event);
                        assertEquals(Optional.of(event), tx.events().find(event.id()), type.name());
                        throw undo;
                      }));

      assertSame(undo, thrown, type.name());
    }
  }

  // Decision failures

  @Test
  public void givenDecisionFailures_whenRecordedAndResolved_thenOnlyUnresolvedAreListed() {
    DecisionFailure f1 = failure("E-1", at(1));
    DecisionFailure f2 = failure("E-2", at(2));
    DecisionFailure f3 = failure("E-3", at(3));
    run(
        tx -> {
          tx.decisionFailures().insert(f1);
          tx.decisionFailures().insert(f2);
          tx.decisionFailures().insert(f3);
        });
    DecisionFailure again = f2.failedAgain("rule-2", "boom again");

    run(tx -> tx.decisionFailures().update(f1.resolve()));
    run(tx -> tx.decisionFailures().update(again));

    assertEquals(Optional.of(again), tx(tx -> tx.decisionFailures().find(f2.eventId())));
    assertEquals(List.of(again, f3), tx(tx -> tx.decisionFailures().findUnresolved(10)));
    assertEquals(List.of(again), tx(tx -> tx.decisionFailures().findUnresolved(1)));
    assertThrows(DuplicateKeyException.class, () -> run(tx -> tx.decisionFailures().insert(f1)));
    assertThrows(
        StoreConflictException.class, () -> run(tx -> tx.decisionFailures().update(again)));
    assertThrows(
        UnknownIdException.class,
        () -> run(tx -> tx.decisionFailures().update(failure("E-9", T0).resolve())));
  }

  // Assertion helpers

  private static Set<String> ids(List<Lead> leads) {
    return leads.stream().map(l -> l.id().value()).collect(Collectors.toSet());
  }

  private static List<String> idList(List<Lead> leads) {
    return leads.stream().map(l -> l.id().value()).toList();
  }

  private static Set<String> rewardIds(List<Reward> rewards) {
    return new HashSet<>(rewardIdList(rewards));
  }

  private static List<String> rewardIdList(List<Reward> rewards) {
    return rewards.stream().map(r -> r.id().value()).toList();
  }

  private static Set<String> followUpIds(List<FollowUp> followUps) {
    return new HashSet<>(followUpIdList(followUps));
  }

  private static List<String> followUpIdList(List<FollowUp> followUps) {
    return followUps.stream().map(f -> f.id().value()).toList();
  }
}
