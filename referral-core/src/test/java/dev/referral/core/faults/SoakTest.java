package dev.referral.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.faults.Workload.Advance;
import dev.referral.core.faults.Workload.Approve;
import dev.referral.core.faults.Workload.Convert;
import dev.referral.core.faults.Workload.Dispatch;
import dev.referral.core.faults.Workload.Look;
import dev.referral.core.faults.Workload.Maintain;
import dev.referral.core.faults.Workload.Op;
import dev.referral.core.faults.Workload.Refer;
import dev.referral.core.faults.Workload.RefundOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * One million mixed operations on two threads against the in-memory store, then every invariant of
 * {@link Workload} (issue 8). Bounded by the operation count, not by time; no timing assertions.
 */
class SoakTest {
  static final int OPERATIONS = Integer.getInteger("soak.operations", 1_000_000);
  static final int REFERRERS = 500;
  static final int PROSPECTS = 5_000;

  /**
   * A seeded random mix, like a shop's traffic: mostly look-ups, then referrals and conversions,
   * some refunds and approvals, clock advances, dispatches and maintenance.
   */
  static Op next(SplittableRandom random) {
    int kind = random.nextInt(10_000);
    int prospect = random.nextInt(PROSPECTS);
    int referrer = random.nextInt(REFERRERS);
    if (kind < 1_000) {
      return new Refer(prospect, referrer);
    }
    if (kind < 2_000) {
      return new Convert(prospect, random.nextInt(3), 20 + random.nextInt(200));
    }
    if (kind < 2_400) {
      return new RefundOrder(prospect, random.nextInt(3), random.nextBoolean());
    }
    if (kind < 2_800) {
      return new Approve(referrer);
    }
    if (kind < 3_000) {
      return new Advance(1 + random.nextInt(10));
    }
    if (kind < 3_040) {
      return new Dispatch();
    }
    if (kind < 3_045) {
      return new Maintain();
    }
    return new Look(prospect, referrer);
  }

  @Test
  void givenAMillionMixedOperationsOnTwoThreads_whenTheyAreDone_thenEveryInvariantHolds()
      throws Exception {
    Workload workload = new Workload(REFERRERS);
    List<Callable<Integer>> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      long seed = 8_000 + t;
      threads.add(
          () -> {
            SplittableRandom random = new SplittableRandom(seed);
            int done = 0;
            for (int i = 0; i < OPERATIONS / 2; i++) {
              workload.apply(next(random));
              done++;
            }
            return done;
          });
    }

    List<Integer> done = Race.run(threads);

    assertEquals(OPERATIONS, done.get(0) + done.get(1));
    workload.checkInvariants();
    assertTrue(workload.store.leadCount() >= PROSPECTS / 2, "the workload referred prospects");
    assertTrue(workload.store.rewardCount() > 1000, "the workload granted rewards");
  }
}
