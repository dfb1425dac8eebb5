package dev.referral.core.store.memory;

import static dev.referral.core.store.StoreSamples.converted;
import static dev.referral.core.store.StoreSamples.lead;
import static dev.referral.core.store.StoreSamples.reward;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.internal.TotalsAccumulator;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import dev.referral.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store keeps running statistics per referrer instead of totalling their history on
 * every read: after any sequence of grants, revocations, value adjustments and conversions, some
 * rolled back, and reads for changing periods, the counts and totals it returns equal the ones
 * totalled from scratch from the rewards and leads it returns.
 */
class RunningStatsProperties {
  private static final Instant BASE = Instant.parse("2030-03-15T10:00:00Z");
  private static final List<Instant> MONTHS =
      List.of(
          Instant.parse("2030-02-01T00:00:00Z"),
          Instant.parse("2030-03-01T00:00:00Z"),
          Instant.parse("2030-04-01T00:00:00Z"));
  private static final List<Instant> YEARS =
      List.of(Instant.parse("2029-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));

  /**
   * One step: {@code kind} 0 grants, 1 revokes, 2 adjusts, 3 converts, 4 reads; on referrer {@code
   * referrer}, {@code days} from the base time, with {@code amount}, rolled back if {@code fails},
   * reading the periods {@code month} and {@code year} first.
   */
  record Step(int kind, int referrer, int days, int amount, boolean fails, int month, int year) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(-500, 40),
                Arbitraries.integers().between(0, 90),
                Arbitraries.of(false, false, true),
                Arbitraries.integers().between(0, MONTHS.size() - 1),
                Arbitraries.integers().between(0, YEARS.size() - 1))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 200)
  void givenAnySequenceOfWritesAndRollbacks_whenStatsAreRead_thenTheyEqualTotalsFromScratch(
      @ForAll("steps") List<Step> steps) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    List<RewardId> granted = new ArrayList<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      String referrer = "R-" + step.referrer();
      Instant at = BASE.plusSeconds(step.days() * 86_400L);
      String id = "" + n;
      Consumer<StoreTransaction> write =
          switch (step.kind()) {
            case 0 -> tx -> grant(tx, granted, id, referrer, step.amount(), at);
            case 1 -> tx -> change(tx, granted, step.amount(), r -> r.revoke(at, "refund"));
            case 2 ->
                tx ->
                    change(
                        tx,
                        granted,
                        step.amount(),
                        r -> r.adjustValue(Money.of(step.amount(), currency(r)), "partial"));
            case 3 ->
                tx -> {
                  Lead lead = lead("L-" + id, referrer, at.minusSeconds(3600));
                  tx.leads().insert(lead, Set.of("email:l" + id));
                  tx.leads().update(converted(lead, "O-" + id, at));
                };
            default -> tx -> {};
          };
      Instant month = MONTHS.get(step.month());
      Instant year = YEARS.get(step.year());
      try {
        store.inTransaction(
            tx -> {
              checkStats(tx, ReferrerId.of(referrer), month, year); // warms the periods read
              write.accept(tx);
              checkStats(tx, ReferrerId.of(referrer), month, year);
              if (step.fails()) {
                throw new IllegalStateException("rolled back");
              }
              return null;
            });
      } catch (IllegalStateException expected) {
        // rolled back; the next reads check that nothing stayed
      }
      for (int r = 0; r < 3; r++) {
        ReferrerId other = ReferrerId.of("R-" + r);
        store.inTransaction(
            tx -> {
              checkStats(tx, other, month, year);
              return null;
            });
      }
    }
  }

  private static String currency(Reward reward) {
    return reward.value().orElseThrow().currency().getCurrencyCode();
  }

  private static void grant(
      StoreTransaction tx,
      List<RewardId> granted,
      String id,
      String referrer,
      int amount,
      Instant at) {
    Reward reward = reward("W-" + id, "k-" + id, referrer, amount + 1, at);
    if (amount % 3 == 0) { // some in another currency
      Money usd = Money.of(amount + 1, "USD");
      reward =
          new Reward(
              reward.id(),
              reward.idempotencyKey(),
              reward.referrerId(),
              reward.leadId(),
              reward.beneficiary(),
              reward.incentive(),
              Optional.of(usd),
              reward.reason(),
              reward.status(),
              reward.orderId(),
              reward.grantedAt(),
              reward.holdUntil(),
              reward.approvalRequired(),
              reward.approvedAt(),
              reward.expiresAt(),
              reward.issuedAt(),
              reward.closedAt(),
              reward.note(),
              reward.deniedBy(),
              reward.version());
    }
    tx.rewards().insert(reward);
    granted.add(reward.id());
  }

  private static void change(
      StoreTransaction tx, List<RewardId> granted, int pick, UnaryOperator<Reward> how) {
    if (granted.isEmpty()) {
      return;
    }
    Optional<Reward> stored = tx.rewards().find(granted.get(pick % granted.size()));
    if (stored.isEmpty() || stored.get().status() != RewardStatus.ISSUED) {
      return; // rolled back, or revoked already
    }
    tx.rewards().update(how.apply(stored.get()));
  }

  private static void checkStats(
      StoreTransaction tx, ReferrerId referrer, Instant monthStart, Instant yearStart) {
    TotalsAccumulator month = new TotalsAccumulator();
    TotalsAccumulator year = new TotalsAccumulator();
    TotalsAccumulator lifetime = new TotalsAccumulator();
    for (Reward reward : tx.rewards().findByReferrer(referrer)) {
      if (reward.countsTowardReferrerLimits()) {
        add(lifetime, reward);
        if (!reward.grantedAt().isBefore(yearStart)) {
          add(year, reward);
        }
        if (!reward.grantedAt().isBefore(monthStart)) {
          add(month, reward);
        }
      }
    }
    long conversionsThisMonth = 0;
    long conversionsThisYear = 0;
    long conversions = 0;
    for (Lead lead : tx.leads().findByReferrer(referrer, Instant.EPOCH)) {
      if (lead.conversion().isPresent()) {
        Instant at = lead.conversion().get().at();
        conversions++;
        conversionsThisMonth += at.isBefore(monthStart) ? 0 : 1;
        conversionsThisYear += at.isBefore(yearStart) ? 0 : 1;
      }
    }
    assertEquals(
        new PeriodTotals(month.toTotals(), year.toTotals(), lifetime.toTotals()),
        tx.rewards().referrerTotals(referrer, monthStart, yearStart));
    assertEquals(
        new PeriodCounts(conversionsThisMonth, conversionsThisYear, conversions),
        tx.leads().conversionCounts(referrer, monthStart, yearStart));
  }

  private static void add(TotalsAccumulator totals, Reward reward) {
    reward.value().ifPresentOrElse(v -> totals.add(1, v), () -> totals.addCount(1));
  }
}
