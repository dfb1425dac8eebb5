package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import dev.referral.core.store.memory.InMemoryReferralStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several dispatchers on one program and store, on real threads (issue 3). */
class ConcurrentDispatchTest {

  private static final int FOLLOW_UPS = 10_000;
  private static final int DISPATCHERS = 4;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void shouldDeliverEachDueFollowUpExactlyOnceWithFourDispatchersAtOnce() throws Exception {
    // given: 10,000 due onboarding messages and a notifier that counts deliveries per id
    Map<FollowUpId, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Notifier counting =
        n -> deliveries.computeIfAbsent(n.id(), id -> new AtomicInteger()).incrementAndGet();
    InMemoryReferralStore store = new InMemoryReferralStore();
    FollowUpFixture fx =
        FollowUpFixture.builder()
            .policy(FollowUpPolicy.builder().disable(FollowUpKind.KEEP_IN_TOUCH).build())
            .notifier(counting)
            .dispatch(d -> d.batchSize(25))
            .program(p -> p.store(store))
            .build();
    for (int i = 0; i < FOLLOW_UPS; i++) {
      fx.customer("Referrer" + i);
    }

    // when: four dispatchers start together and run until nothing is left to claim
    ExecutorService pool = Executors.newFixedThreadPool(DISPATCHERS);
    CyclicBarrier start = new CyclicBarrier(DISPATCHERS);
    List<Future<DispatchSummary>> runs = new ArrayList<>();
    try {
      for (int t = 0; t < DISPATCHERS; t++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  DispatchSummary total = DispatchSummary.NONE;
                  DispatchSummary run;
                  do {
                    run = fx.program.dispatchDueFollowUps();
                    total = total.plus(run);
                  } while (!run.equals(DispatchSummary.NONE));
                  return total;
                }));
      }
      DispatchSummary total = DispatchSummary.NONE;
      for (Future<DispatchSummary> run : runs) {
        total = total.plus(run.get());
      }

      // then
      assertEquals(new DispatchSummary(FOLLOW_UPS, 0, 0, 0), total);
      assertEquals(FOLLOW_UPS, deliveries.size());
      deliveries.forEach((id, count) -> assertEquals(1, count.get(), () -> id + " deliveries"));
      assertEquals(
          Map.of(FollowUpStatus.SENT, (long) FOLLOW_UPS),
          store.inTransaction(tx -> tx.followUps().countByStatus()));
    } finally {
      pool.shutdownNow();
    }
  }
}
