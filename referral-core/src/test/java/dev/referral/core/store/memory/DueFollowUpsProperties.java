package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.StoreSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store's {@code claimDue} finds exactly the claimable follow-ups, in the order of
 * the time they became claimable and then of their ids, however often they were claimed, retried,
 * sent and cancelled before, in transactions some of which rolled back (the store keeps the entries
 * that updates leave behind and drops them as it meets them).
 */
class DueFollowUpsProperties {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** One step: what it does, on which follow-up, at which time, and whether it rolls back. */
  record Step(int kind, int target, int time, boolean rolledBack) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 6),
            Arbitraries.of(false, false, true))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(120);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** When {@code f} becomes claimable, or null. */
  private static Instant claimableAt(FollowUp f) {
    return switch (f.status()) {
      case PENDING -> f.dueAt();
      case CLAIMED -> f.claimedUntil().orElse(f.dueAt());
      default -> null;
    };
  }

  @Property(tries = 300)
  void givenUpdatesAndRollbacks_whenClaimingDueFollowUps_thenExactlyTheClaimableOnesInOrder(
      @ForAll("steps") List<Step> steps) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    Map<String, FollowUp> model = new LinkedHashMap<>();
    int claims = 0;
    for (Step step : steps) {
      String id = "F-" + step.target();
      FollowUp current = model.get(id);
      Map<String, FollowUp> next = new LinkedHashMap<>(model);
      Consumer<StoreTransaction> work;
      if (step.kind() == 0 || current == null) {
        if (current != null) {
          continue;
        }
        FollowUp f = StoreSamples.followUp(id, "k-" + step.target(), "R-1", at(step.time()));
        work = tx -> tx.followUps().insert(f);
        next.put(id, f);
      } else if (step.kind() == 5) {
        Instant now = at(step.time());
        int limit = 1 + step.target() % 4;
        List<String> expected =
            model.values().stream()
                .filter(f -> f.isClaimable(now))
                .sorted(
                    Comparator.comparing(DueFollowUpsProperties::claimableAt)
                        .thenComparing(f -> f.id().value()))
                .limit(limit)
                .map(f -> f.id().value())
                .toList();
        String token = "token-" + ++claims;
        // Some leases end at once: a follow-up due now keeps its time when claimed.
        Instant leaseUntil = at(step.time() + (step.target() % 3 == 0 ? 0 : 2));
        List<FollowUp> claimed = new ArrayList<>();
        work =
            tx -> {
              claimed.clear();
              claimed.addAll(tx.followUps().claimDue(now, limit, token, leaseUntil));
            };
        run(store, work, step.rolledBack());
        assertEquals(expected, claimed.stream().map(f -> f.id().value()).toList());
        if (!step.rolledBack()) {
          claimed.forEach(f -> model.put(f.id().value(), f));
        }
        continue;
      } else if (current.status() != FollowUpStatus.PENDING
          && current.status() != FollowUpStatus.CLAIMED) {
        continue;
      } else {
        FollowUp updated =
            switch (step.kind()) {
              case 1 -> current.cancel(at(step.time()), "cancelled");
              case 2 -> current.sent(at(step.time()));
              case 3 -> current.retryAt(at(step.time()), "failed");
              default -> current.claim("by-hand", at(step.time()));
            };
        work = tx -> tx.followUps().update(updated);
        next.put(id, updated);
      }
      run(store, work, step.rolledBack());
      if (!step.rolledBack()) {
        model.clear();
        model.putAll(next);
      }
      for (FollowUp f : model.values()) {
        FollowUp stored =
            store
                .inTransaction(tx -> tx.followUps().find(FollowUpId.of(f.id().value())))
                .orElseThrow();
        assertEquals(f, stored);
      }
    }
  }

  /** Runs {@code work} in a transaction, rolled back by an exception if {@code rolledBack}. */
  private static void run(
      InMemoryReferralStore store, Consumer<StoreTransaction> work, boolean rolledBack) {
    try {
      store.inTransaction(
          tx -> {
            work.accept(tx);
            if (rolledBack) {
              throw new RolledBack();
            }
            return null;
          });
    } catch (RolledBack expected) {
      // the transaction's writes were taken back
    }
  }

  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
