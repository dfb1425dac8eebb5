package dev.referral.core.faults;

import dev.referral.core.faults.Workload.Advance;
import dev.referral.core.faults.Workload.Approve;
import dev.referral.core.faults.Workload.Convert;
import dev.referral.core.faults.Workload.Dispatch;
import dev.referral.core.faults.Workload.Op;
import dev.referral.core.faults.Workload.Refer;
import dev.referral.core.faults.Workload.RefundOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random interleavings of refer, convert, refund, approve, dispatch and clock advances on four real
 * threads (issue 8). Few prospects and referrers, so that threads contend for the same leads,
 * orders, limits and follow-ups; few tries, to keep the build short.
 */
class InterleavingProperties {
  private static final int PROSPECTS = 6;
  private static final int REFERRERS = 3;

  @Provide
  Arbitrary<Op> ops() {
    Arbitrary<Integer> prospect = Arbitraries.integers().between(0, PROSPECTS - 1);
    Arbitrary<Integer> referrer = Arbitraries.integers().between(0, REFERRERS - 1);
    Arbitrary<Integer> order = Arbitraries.integers().between(0, 2);
    return Arbitraries.frequencyOf(
        Tuple(4, Combinators.combine(prospect, referrer).as(Refer::new)),
        Tuple(
            4,
            Combinators.combine(prospect, order, Arbitraries.longs().between(20, 150))
                .as(Convert::new)),
        Tuple(
            2,
            Combinators.combine(prospect, order, Arbitraries.of(true, false)).as(RefundOrder::new)),
        Tuple(2, referrer.map(Approve::new)),
        Tuple(2, Arbitraries.just(new Dispatch())),
        Tuple(2, Arbitraries.longs().between(1, 60 * 24 * 20).map(Advance::new)));
  }

  private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Op>> Tuple(
      int weight, Arbitrary<? extends Op> op) {
    return net.jqwik.api.Tuple.of(weight, op);
  }

  @Provide
  Arbitrary<List<List<Op>>> scripts() {
    return ops().list().ofMinSize(5).ofMaxSize(40).list().ofSize(4);
  }

  @Property(tries = 25, shrinking = ShrinkingMode.OFF)
  void givenRandomInterleavingsOnFourThreads_thenTheLedgerLimitsAndFollowUpsAreConsistent(
      @ForAll("scripts") List<List<Op>> threads) throws Exception {
    Workload workload = new Workload(REFERRERS);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (List<Op> script : threads) {
      tasks.add(
          () -> {
            script.forEach(workload::apply);
            return null;
          });
    }
    Race.run(tasks);
    workload.checkInvariants();
  }
}
