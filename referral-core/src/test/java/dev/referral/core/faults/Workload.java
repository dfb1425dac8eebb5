package dev.referral.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Beneficiary;
import dev.referral.core.DispatchSettings;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralException;
import dev.referral.core.ReferralLimits;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.Refund;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardExpired;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.RewardRedeemed;
import dev.referral.core.event.RewardRevoked;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.Notifier;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.core.testing.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A program under a mixed workload from several threads, and the invariants that must hold after
 * any interleaving (issue 8): the ledger equals what the event log says, nothing was granted twice,
 * no limit was exceeded, and every follow-up was sent once, is pending, was cancelled, or failed
 * with its reason. The notifier fails some first attempts and some notifications for good.
 */
final class Workload {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final int MAX_REWARDS_PER_MONTH = 3;
  static final Money BUDGET = Money.of(500, "EUR");

  /** One operation of the workload. */
  sealed interface Op {}

  record Refer(int prospect, int referrer) implements Op {}

  record Convert(int prospect, int order, long amount) implements Op {}

  record RefundOrder(int prospect, int order, boolean full) implements Op {}

  record Approve(int referrer) implements Op {}

  record Dispatch() implements Op {}

  record Maintain() implements Op {}

  record Advance(long minutes) implements Op {}

  /** What a shop page does: find the prospect's lead, or the referrer behind a code. */
  record Look(int prospect, int referrer) implements Op {}

  final SettableClock clock = SettableClock.at(START);
  final InMemoryReferralStore store = new InMemoryReferralStore();

  /** Successful deliveries per follow-up. */
  final Map<FollowUpId, AtomicInteger> delivered = new ConcurrentHashMap<>();

  final ReferralProgram program;
  final List<Referrer> referrers = new ArrayList<>();
  private final AtomicInteger refunds = new AtomicInteger();

  /**
   * Deliveries finish within their claim's lease: the clock does not jump while a dispatch runs.
   * (When a lease does run out mid-delivery, another dispatcher takes the follow-up over and it may
   * be delivered twice; the Notifier contract asks notifiers to de-duplicate by id.)
   */
  private final ReadWriteLock clockJumps = new ReentrantReadWriteLock();

  Workload(int referrerCount) {
    Notifier notifier =
        notification -> {
          int hash = Math.abs(notification.id().value().hashCode());
          if (hash % 7 == 0 || (hash % 5 == 0 && notification.attempt() == 1)) {
            throw new IllegalStateException("mail server refused " + notification.id());
          }
          delivered.computeIfAbsent(notification.id(), id -> new AtomicInteger()).incrementAndGet();
        };
    program =
        ReferralProgram.builder()
            .store(store)
            .clock(clock)
            .idGenerator(IdGenerator.sequential())
            .notifier(notifier)
            .policy(
                DoubleSidedPolicy.builder()
                    .friendGets(Incentive.percentDiscount("10"))
                    .referrerGets(Incentive.credit(Money.of(10, "EUR")))
                    .approvePartnerRewards()
                    .build()
                    .and(FollowUpPolicy.ofDefaults()))
            .limits(
                ReferralLimits.builder()
                    .maxRewardsPerMonth(MAX_REWARDS_PER_MONTH)
                    .programBudget(BUDGET)
                    .build())
            .dispatch(
                DispatchSettings.builder()
                    .jitter(0)
                    .maxAttempts(2)
                    .backoff(Duration.ofMinutes(1), 2.0, Duration.ofHours(1))
                    .build())
            .build();
    for (int i = 0; i < referrerCount; i++) {
      Enrolment.Builder enrolment =
          i % 3 == 2 ? Enrolment.partner("Partner " + i) : Enrolment.customer("Customer " + i);
      referrers.add(
          program.enrol(
              enrolment.email("referrer" + i + "@example.com").consentToContact(true).build()));
    }
  }

  static Prospect prospect(int n) {
    return Prospect.withEmail("Friend " + n, "friend" + n + "@example.org");
  }

  /**
   * Runs {@code op}. Refusals that a host sees in normal use (an unknown order, a refund beyond the
   * order, a reward another thread already approved) are part of the workload.
   */
  void apply(Op op) {
    try {
      if (op instanceof Refer r) {
        program.refer(referrers.get(r.referrer()).primaryCode().value(), prospect(r.prospect()));
      } else if (op instanceof Convert c) {
        Optional<Lead> lead = program.findLeadFor(prospect(c.prospect()));
        if (lead.isPresent()) {
          program.convert(
              lead.get().id(),
              Purchase.of(
                  order(c.prospect(), c.order()), Money.of(c.amount(), "EUR"), clock.instant()));
        }
      } else if (op instanceof RefundOrder r) {
        Money amount = Money.of(r.full() ? 100 : 10, "EUR");
        program.refund(
            Refund.of(
                "RF-" + refunds.incrementAndGet(),
                order(r.prospect(), r.order()),
                amount,
                clock.instant(),
                "returned"));
      } else if (op instanceof Approve a) {
        for (Reward reward : program.rewardsOf(referrers.get(a.referrer()).id())) {
          if (reward.status() == RewardStatus.PENDING && reward.approvedAt().isEmpty()) {
            program.approveReward(reward.id(), "checked");
            break;
          }
        }
      } else if (op instanceof Dispatch) {
        clockJumps.readLock().lock();
        try {
          program.dispatchDueFollowUps();
        } finally {
          clockJumps.readLock().unlock();
        }
      } else if (op instanceof Look l) {
        if (l.prospect() % 2 == 0) {
          program.findLeadFor(prospect(l.prospect()));
        } else {
          program.findReferrerByCode(referrers.get(l.referrer()).primaryCode().value());
        }
      } else if (op instanceof Maintain) {
        program.runMaintenance();
      } else if (op instanceof Advance a) {
        clockJumps.writeLock().lock();
        try {
          clock.advance(Duration.ofMinutes(a.minutes()));
        } finally {
          clockJumps.writeLock().unlock();
        }
      }
    } catch (ReferralException | IllegalArgumentException expected) {
      // refused as a host would see it; the invariants are checked at the end
    }
  }

  private static String order(int prospect, int order) {
    return "O-" + prospect + "-" + order;
  }

  /** Checks every invariant; call when no thread is running. */
  void checkInvariants() {
    List<ReferralEvent> log = program.events(Instant.EPOCH, Instant.MAX);
    Map<RewardId, RewardStatus> statuses = new HashMap<>();
    Map<RewardId, Optional<Money>> values = new HashMap<>();
    Set<String> grants = new HashSet<>();
    Set<LeadId> converted = new HashSet<>();
    Set<OrderId> orders = new HashSet<>();
    for (ReferralEvent e : log) {
      if (e instanceof RewardGranted g) {
        assertTrue(
            grants.add(g.causedBy() + "|" + g.beneficiary() + "|" + g.reason()),
            () -> "granted twice: " + g);
        statuses.put(g.rewardId(), g.status());
        values.put(g.rewardId(), g.value());
      } else if (e instanceof RewardDenied d) {
        assertTrue(
            grants.add(d.causedBy() + "|" + d.beneficiary() + "|" + d.reason()),
            () -> "decided twice: " + d);
        statuses.put(d.rewardId(), RewardStatus.DENIED);
        values.put(d.rewardId(), d.value());
      } else if (e instanceof RewardIssued i) {
        statuses.put(i.rewardId(), RewardStatus.ISSUED);
      } else if (e instanceof RewardRevoked r) {
        statuses.put(r.rewardId(), RewardStatus.REVOKED);
      } else if (e instanceof RewardRedeemed r) {
        statuses.put(r.rewardId(), RewardStatus.REDEEMED);
      } else if (e instanceof RewardExpired r) {
        statuses.put(r.rewardId(), RewardStatus.EXPIRED);
      } else if (e instanceof RewardAdjusted a) {
        values.put(a.rewardId(), Optional.of(a.to()));
      } else if (e instanceof LeadConverted c) {
        assertTrue(converted.add(c.leadId()), () -> "converted twice: " + c.leadId());
        assertTrue(orders.add(c.purchase().orderId()), () -> "order counted twice: " + c);
      } else if (e instanceof RepeatPurchase r) {
        assertTrue(orders.add(r.purchase().orderId()), () -> "order counted twice: " + r);
      }
    }
    // The ledger equals what the event log says, reward by reward.
    Map<RewardId, Reward> ledger = new HashMap<>();
    List<FollowUp> followUps = new ArrayList<>();
    for (Referrer referrer : referrers) {
      program.rewardsOf(referrer.id()).forEach(r -> ledger.put(r.id(), r));
      followUps.addAll(program.followUpsOf(referrer.id()));
      checkReferrerLimits(program.rewardsOf(referrer.id()));
    }
    assertEquals(statuses.keySet(), ledger.keySet(), "rewards in the ledger and in the log");
    BigDecimal spent = BigDecimal.ZERO;
    long counted = 0;
    for (Reward reward : ledger.values()) {
      assertEquals(statuses.get(reward.id()), reward.status(), () -> "status of " + reward);
      assertEquals(values.get(reward.id()), reward.value(), () -> "value of " + reward);
      if (reward.countsTowardBudget()) {
        spent = spent.add(reward.value().orElseThrow().amount());
        counted++;
      }
    }
    assertTrue(spent.compareTo(BUDGET.amount()) <= 0, "budget exceeded: " + spent);
    LedgerTotals totals = store.inTransaction(tx -> tx.rewards().lockProgramTotals());
    assertEquals(counted, totals.count(), "program ledger count");
    assertEquals(0, spent.compareTo(totals.amount(BUDGET.currency()).amount()), "ledger total");
    checkFollowUps(followUps);
  }

  private static void checkReferrerLimits(List<Reward> rewards) {
    Map<YearMonth, Integer> perMonth = new HashMap<>();
    for (Reward r : rewards) {
      if (r.countsTowardReferrerLimits()) {
        YearMonth month = YearMonth.from(r.grantedAt().atZone(ZoneOffset.UTC));
        int n = perMonth.merge(month, 1, Integer::sum);
        assertTrue(n <= MAX_REWARDS_PER_MONTH, () -> "monthly limit exceeded: " + r);
        assertEquals(Beneficiary.REFERRER, r.beneficiary());
      }
    }
  }

  /** Sent once, pending, cancelled, or failed with its reason; nothing sent that is not SENT. */
  private void checkFollowUps(List<FollowUp> followUps) {
    Set<FollowUpId> sent = new HashSet<>();
    for (FollowUp f : followUps) {
      int deliveries = delivered.getOrDefault(f.id(), new AtomicInteger()).get();
      switch (f.status()) {
        case SENT -> {
          assertEquals(1, deliveries, () -> "sent once: " + f);
          sent.add(f.id());
        }
        case PENDING -> assertEquals(0, deliveries, () -> "pending but delivered: " + f);
        case CANCELLED -> {
          assertEquals(0, deliveries, () -> "cancelled but delivered: " + f);
          assertFalse(f.note().orElse("").isBlank(), () -> "cancelled without a reason: " + f);
        }
        case FAILED -> {
          assertEquals(0, deliveries, () -> "failed but delivered: " + f);
          assertTrue(
              f.note().orElse("").contains("refused"), () -> "failed without its reason: " + f);
        }
        case CLAIMED -> throw new AssertionError("claimed with no dispatcher running: " + f);
      }
    }
    assertEquals(sent, delivered.keySet(), "delivered follow-ups that are not SENT");
  }
}
