package dev.referral.core.store.memory;

import static dev.referral.core.store.StoreSamples.T0;
import static dev.referral.core.store.StoreSamples.followUp;
import static dev.referral.core.store.StoreSamples.reward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.LeadId;
import dev.referral.core.OrderId;
import dev.referral.core.ReferrerId;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store finds follow-ups and rewards by lead, referrer and order through links kept
 * with each lead and referrer, and by id and key through open-addressing tables: after any sequence
 * of inserts (with taken ids and keys), updates and rolled-back transactions, every read equals a
 * filter over all the records a plain list model holds.
 */
class LinkIndexProperties {
  private static final int LEADS = 3;
  private static final int REFERRERS = 3;

  /**
   * One write: {@code kind} 0 schedules a follow-up, 1 cancels or claims one, 2 grants a reward, 3
   * revokes one; {@code id} and {@code key} from small pools so that they collide; {@code lead} and
   * {@code order} of -1 for none.
   */
  record Op(int kind, int id, int key, int lead, int referrer, int order, int hours) {}

  /** A transaction of {@code ops}, rolled back at its end if {@code fails}. */
  record Step(List<Op> ops, boolean fails) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(-1, LEADS - 1),
                Arbitraries.integers().between(0, REFERRERS - 1),
                Arbitraries.integers().between(-1, 2),
                Arbitraries.integers().between(-48, 48))
            .as(Op::new);
    Arbitrary<Step> step =
        Combinators.combine(op.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(false, false, true))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  /** The committed records, in insertion order, each at its newest version. */
  private static final class Model {
    final List<FollowUp> followUps = new ArrayList<>();
    final List<Reward> rewards = new ArrayList<>();

    Model copy() {
      Model copy = new Model();
      copy.followUps.addAll(followUps);
      copy.rewards.addAll(rewards);
      return copy;
    }
  }

  @Property(tries = 300)
  void givenAnySequenceOfWritesAndRollbacks_whenFollowUpsAndRewardsAreRead_thenReadsEqualTheModel(
      @ForAll("steps") List<Step> steps) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    Model committed = new Model();
    for (Step step : steps) {
      Model working = committed.copy();
      try {
        store.inTransaction(
            tx -> {
              for (Op op : step.ops()) {
                apply(tx, working, op);
              }
              check(tx, working);
              if (step.fails()) {
                throw new IllegalStateException("rolled back");
              }
              return null;
            });
        committed = working;
      } catch (IllegalStateException expected) {
        // rolled back: the committed model stays
      }
      Model expected = committed;
      store.inTransaction(
          tx -> {
            check(tx, expected);
            return null;
          });
    }
  }

  private static void apply(StoreTransaction tx, Model model, Op op) {
    switch (op.kind()) {
      case 0 -> schedule(tx, model, op);
      case 1 -> changeFollowUp(tx, model, op);
      case 2 -> grant(tx, model, op);
      default -> revoke(tx, model, op);
    }
  }

  private static Optional<String> lead(Op op) {
    return op.lead() < 0 ? Optional.empty() : Optional.of("L-" + op.lead());
  }

  private static void schedule(StoreTransaction tx, Model model, Op op) {
    FollowUp f = followUp("F-" + op.id(), "k-" + op.key(), "R-" + op.referrer(), lead(op), at(op));
    boolean keyTaken = model.followUps.stream().anyMatch(g -> g.key().equals(f.key()));
    boolean idTaken = model.followUps.stream().anyMatch(g -> g.id().equals(f.id()));
    if (keyTaken) {
      assertEquals(false, tx.followUps().insert(f));
    } else if (idTaken) {
      assertThrows(DuplicateKeyException.class, () -> tx.followUps().insert(f));
    } else {
      assertEquals(true, tx.followUps().insert(f));
      model.followUps.add(f);
    }
  }

  private static void changeFollowUp(StoreTransaction tx, Model model, Op op) {
    if (model.followUps.isEmpty()) {
      return;
    }
    int i = op.id() % model.followUps.size();
    FollowUp f = model.followUps.get(i);
    FollowUp next;
    if (f.status() == FollowUpStatus.PENDING && op.key() % 2 == 0) {
      next = f.claim("token-" + op.key(), at(op));
    } else if (!f.status().isFinal()) {
      next = f.cancel(at(op), "cancelled by the test");
    } else {
      return;
    }
    tx.followUps().update(next);
    model.followUps.set(i, next);
  }

  private static void grant(StoreTransaction tx, Model model, Op op) {
    Optional<String> order = op.order() < 0 ? Optional.empty() : Optional.of("O-" + op.order());
    Reward r =
        reward("W-" + op.id(), "rk-" + op.key(), "R-" + op.referrer(), lead(op), order, 5, at(op));
    boolean idTaken = model.rewards.stream().anyMatch(g -> g.id().equals(r.id()));
    boolean keyTaken =
        model.rewards.stream().anyMatch(g -> g.idempotencyKey().equals(r.idempotencyKey()));
    if (idTaken || keyTaken) {
      DuplicateKeyException e =
          assertThrows(DuplicateKeyException.class, () -> tx.rewards().insert(r));
      assertEquals(idTaken, e.getMessage().contains("reward id "), e.getMessage());
    } else {
      tx.rewards().insert(r);
      model.rewards.add(r);
    }
  }

  private static void revoke(StoreTransaction tx, Model model, Op op) {
    if (model.rewards.isEmpty()) {
      return;
    }
    int i = op.id() % model.rewards.size();
    Reward r = model.rewards.get(i);
    if (r.status() != RewardStatus.ISSUED) {
      return;
    }
    Reward next = r.revoke(at(op), "refund");
    tx.rewards().update(next);
    model.rewards.set(i, next);
  }

  private static java.time.Instant at(Op op) {
    return T0.plusSeconds(op.hours() * 3600L);
  }

  private static void check(StoreTransaction tx, Model model) {
    Predicate<FollowUp> pending = f -> f.status() == FollowUpStatus.PENDING;
    for (int l = 0; l < LEADS; l++) {
      LeadId lead = LeadId.of("L-" + l);
      Predicate<FollowUp> ofLead = f -> f.leadId().equals(Optional.of(lead));
      assertEquals(filter(model.followUps, ofLead), tx.followUps().findByLead(lead));
      assertEquals(
          filter(model.followUps, ofLead.and(pending)), tx.followUps().findPendingByLead(lead));
      assertEquals(
          filter(model.rewards, r -> r.leadId().equals(Optional.of(lead))),
          tx.rewards().findByLead(lead));
    }
    for (int n = 0; n < REFERRERS; n++) {
      ReferrerId referrer = ReferrerId.of("R-" + n);
      Predicate<FollowUp> ofReferrer = f -> f.referrerId().equals(referrer);
      assertEquals(filter(model.followUps, ofReferrer), tx.followUps().findByReferrer(referrer));
      assertEquals(
          filter(model.followUps, ofReferrer.and(pending)),
          tx.followUps().findPendingByReferrer(referrer));
      assertEquals(
          filter(model.rewards, r -> r.referrerId().equals(referrer)),
          tx.rewards().findByReferrer(referrer));
    }
    for (int o = 0; o < 3; o++) {
      OrderId order = OrderId.of("O-" + o);
      assertEquals(
          filter(model.rewards, r -> r.orderId().equals(Optional.of(order))),
          tx.rewards().findByOrder(order));
    }
    for (FollowUp f : model.followUps) {
      assertEquals(Optional.of(f), tx.followUps().find(f.id()));
    }
    for (Reward r : model.rewards) {
      assertEquals(Optional.of(r), tx.rewards().find(r.id()));
      assertEquals(Optional.of(r), tx.rewards().findByKey(r.idempotencyKey()));
    }
    for (int id = 0; id <= 40; id++) {
      String followUpId = "F-" + id;
      if (model.followUps.stream().noneMatch(f -> f.id().value().equals(followUpId))) {
        assertEquals(
            Optional.empty(), tx.followUps().find(dev.referral.core.FollowUpId.of(followUpId)));
      }
      String rewardKey = "rk-" + id;
      if (model.rewards.stream().noneMatch(r -> r.idempotencyKey().equals(rewardKey))) {
        assertEquals(Optional.empty(), tx.rewards().findByKey(rewardKey));
      }
    }
    Map<FollowUpStatus, Long> counts = new EnumMap<>(FollowUpStatus.class);
    for (FollowUp f : model.followUps) {
      counts.merge(f.status(), 1L, Long::sum);
    }
    assertEquals(counts, tx.followUps().countByStatus());
  }

  private static <T> List<T> filter(List<T> all, Predicate<T> wanted) {
    return all.stream().filter(wanted).toList();
  }
}
