package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.eur;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.ConversionResult;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.ReferralLimits;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two application nodes, each a program with its own connection pool, on one PostgreSQL database:
 * the invariants hold across nodes.
 */
class TwoNodesTest {

  private static final int THREADS_PER_NODE = 3;

  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private String prefix;

  @BeforeEach
  void startNodes() {
    TestDatabases.postgresUrl();
    poolA = TestDatabases.newPostgresPool(THREADS_PER_NODE + 1);
    poolB = TestDatabases.newPostgresPool(THREADS_PER_NODE + 1);
    prefix = TestDatabases.uniquePrefix();
  }

  @AfterEach
  void stopNodes() {
    // Without PostgreSQL, startNodes skipped the test before opening the pools.
    if (poolA != null) {
      poolA.close();
    }
    if (poolB != null) {
      poolB.close();
    }
  }

  private List<ReferralProgram> nodes(
      Function<ReferralProgram.Builder, ReferralProgram.Builder> settings) {
    List<ReferralProgram> nodes = new ArrayList<>();
    for (HikariDataSource pool : List.of(poolA, poolB)) {
      JdbcReferralStore store = JdbcPrograms.store(pool, prefix);
      nodes.add(settings.apply(ReferralProgram.builder().store(store)).build());
    }
    return nodes;
  }

  /** Runs {@code task(node, thread)} on every thread of both nodes, all released at once. */
  private static <T> List<T> onBothNodes(List<ReferralProgram> nodes, NodeTask<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * THREADS_PER_NODE);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (ReferralProgram node : nodes) {
        for (int t = 0; t < THREADS_PER_NODE; t++) {
          int thread = t;
          Callable<T> call =
              () -> {
                start.await();
                return task.run(node, thread);
              };
          futures.add(pool.submit(call));
        }
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface NodeTask<T> {
    T run(ReferralProgram node, int thread) throws Exception;
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void givenTwoNodes_whenBothConvertTheSameLeadsAtOnce_thenEachLeadConvertsExactlyOnce()
      throws Exception {
    // given
    List<ReferralProgram> nodes = nodes(b -> b.offer(JdbcPrograms.OFFER));
    ReferralProgram a = nodes.get(0);
    Referrer jane = customer(a, "Jane");
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      leads.add(refer(a, jane, "friend" + i));
    }
    // when every thread of both nodes converts every lead, each with its own order
    List<Integer> converted =
        onBothNodes(
            nodes,
            (node, thread) -> {
              int mine = 0;
              for (Lead lead : leads) {
                String orderId = lead.id().value() + "-" + node.hashCode() + "-" + thread;
                ConversionResult r = node.convert(lead.id(), order(orderId, 50));
                if (r.outcome() == ConversionResult.Outcome.CONVERTED) {
                  mine++;
                }
              }
              return mine;
            });
    // then
    assertEquals(leads.size(), converted.stream().mapToInt(Integer::intValue).sum());
    ReferralProgram b = nodes.get(1);
    List<LeadConverted> conversions =
        b.events(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
            .filter(LeadConverted.class::isInstance)
            .map(LeadConverted.class::cast)
            .toList();
    assertEquals(leads.size(), conversions.size());
    for (Lead lead : leads) {
      assertEquals(LeadStatus.CONVERTED, b.lead(lead.id()).status());
      long referrerRewards =
          b.rewardsFor(lead.id()).stream()
              .filter(r -> r.beneficiary() == Beneficiary.REFERRER)
              .count();
      assertEquals(1, referrerRewards, "referrer rewards for " + lead.id());
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void givenTwoNodes_whenBothGrantAgainstOneBudgetAtOnce_thenTheBudgetIsNeverExceeded()
      throws Exception {
    // given a budget for 25 credits of 10 EUR, and 60 conversions that would each grant one
    Money budget = eur(250);
    ReferralPolicy credit =
        (event, context) ->
            event instanceof LeadConverted
                ? List.of(GrantReward.toReferrer(Incentive.credit(eur(10)), "credit"))
                : List.of();
    List<ReferralProgram> nodes =
        nodes(b -> b.policy(credit).limits(ReferralLimits.builder().programBudget(budget).build()));
    ReferralProgram a = nodes.get(0);
    List<Referrer> referrers = new ArrayList<>();
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Referrer r = customer(a, "Referrer " + i);
      referrers.add(r);
      leads.add(refer(a, r, "friend" + i));
    }
    AtomicInteger next = new AtomicInteger();
    // when both nodes convert the leads, each lead once
    onBothNodes(
        nodes,
        (node, thread) -> {
          for (int i = next.getAndIncrement(); i < leads.size(); i = next.getAndIncrement()) {
            node.convert(leads.get(i).id(), order("order-" + i, 100));
          }
          return null;
        });
    // then
    Money spent = eur(0);
    int granted = 0;
    for (Referrer r : referrers) {
      for (Reward reward : nodes.get(1).rewardsOf(r.id())) {
        if (reward.countsTowardBudget()) {
          spent = spent.plus(reward.value().orElseThrow());
          granted++;
        }
      }
    }
    assertEquals(budget, spent);
    assertEquals(25, granted);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void givenTwoNodes_whenBothDispatch10000FollowUpsAtOnce_thenEachIsSentExactlyOnce()
      throws Exception {
    // given 10,000 due follow-ups to 100 referrers, and a notifier per node counting sends by id
    Map<FollowUpId, AtomicInteger> sends = new ConcurrentHashMap<>();
    ReferralPolicy quiet = (event, context) -> List.of();
    List<ReferralProgram> nodes =
        nodes(
            b ->
                b.policy(quiet)
                    .notifier(
                        n ->
                            sends
                                .computeIfAbsent(n.id(), id -> new AtomicInteger())
                                .incrementAndGet()));
    ReferralProgram a = nodes.get(0);
    JdbcReferralStore store = JdbcPrograms.store(poolA, prefix);
    Instant due = Instant.now().minusSeconds(60);
    int count = 10_000;
    for (int r = 0; r < 100; r++) {
      Referrer referrer = customer(a, "Referrer " + r);
      int first = r * (count / 100);
      store.inTransaction(
          tx -> {
            for (int i = first; i < first + count / 100; i++) {
              tx.followUps().insert(keepInTouch(i, referrer, due));
            }
            return null;
          });
    }
    // when both nodes dispatch until nothing is due
    onBothNodes(
        nodes,
        (node, thread) -> {
          while (node.dispatchDueFollowUps().sent() > 0) {
            // keep going
          }
          return null;
        });
    // then
    assertEquals(count, sends.size());
    assertTrue(sends.values().stream().allMatch(n -> n.get() == 1), "each sent once");
    assertEquals(
        Map.of(FollowUpStatus.SENT, (long) count),
        store.inTransaction(tx -> tx.followUps().countByStatus()));
  }

  private static FollowUp keepInTouch(int i, Referrer referrer, Instant due) {
    return new FollowUp(
        FollowUpId.of("F-" + i),
        "keep-in-touch-" + i,
        FollowUpKind.KEEP_IN_TOUCH,
        Audience.REFERRER,
        referrer.id(),
        Optional.empty(),
        Channel.EMAIL,
        due,
        FollowUpStatus.PENDING,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "test",
        Map.of(),
        due,
        1);
  }
}
