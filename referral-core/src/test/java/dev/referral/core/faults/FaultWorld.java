package dev.referral.core.faults;

import dev.referral.core.DispatchSettings;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUp;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralLimits;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.Reward;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.notify.RecordingNotifier;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A program on a fault-injecting in-memory store with everything deterministic: a settable clock,
 * rewindable ids and codes, no backoff jitter. A fault rewinds the ids to where its transaction
 * started, so that a retry uses the ids a run without the fault would have used.
 */
final class FaultWorld {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant FAR_FUTURE = Instant.parse("3000-01-01T00:00:00Z");
  static final Incentive CREDIT = Incentive.credit(Money.of(10, "EUR"));

  final SettableClock clock = SettableClock.at(START);
  final RewindableIds ids = new RewindableIds();

  /** The store under the faults, read directly for snapshots. */
  final ReferralStore backing;

  final FaultInjectingStore store;
  final RecordingNotifier notifier = new RecordingNotifier();
  final List<ReferralEvent> published = new ArrayList<>();

  /** While set, a policy throws on every event: the command stands, its decisions wait. */
  final AtomicBoolean policyBroken = new AtomicBoolean();

  final ReferralProgram program;
  final Referrer jane;
  final Referrer shop;

  /** Bob: referred by Jane, open. */
  final Lead bob;

  /** Carl: referred by the shop and converted by O-1; the shop's reward awaits approval. */
  final Lead carl;

  /** Dana: referred by Jane and converted by O-2; Jane's reward is held. */
  final Lead dana;

  private Map<String, Long> txMark = Map.of();

  /** A world on an in-memory store. */
  FaultWorld() {
    this(new InMemoryReferralStore());
  }

  /** A world on {@code backing}, which must be empty. */
  FaultWorld(ReferralStore backing) {
    this.backing = backing;
    this.store = new FaultInjectingStore(backing);
    ReferralPolicy flaky =
        new ReferralPolicy() {
          @Override
          public List<dev.referral.core.policy.Decision> decide(
              ReferralEvent event, dev.referral.core.policy.PolicyContext context) {
            if (policyBroken.get()) {
              throw new IllegalStateException("rule engine down");
            }
            return List.of();
          }

          @Override
          public String name() {
            return "flaky";
          }
        };
    ReferralPolicy policy =
        DoubleSidedPolicy.builder()
            .friendGets(Incentive.percentDiscount("10"))
            .referrerGets(CREDIT)
            .holdReferrerRewardFor(Duration.ofDays(14))
            .approvePartnerRewards()
            .build()
            .and(FollowUpPolicy.ofDefaults())
            .and(flaky);
    program =
        ReferralProgram.builder()
            .store(store)
            .clock(clock)
            .idGenerator(ids)
            .codeGenerator(ids)
            .notifier(notifier)
            .policy(policy)
            .limits(
                ReferralLimits.builder()
                    .maxRewardsPerMonth(5)
                    .programBudget(Money.of(1000, "EUR"))
                    .build())
            .dispatch(DispatchSettings.builder().jitter(0).maxAttempts(2).build())
            .build();
    program.onEvent(
        e -> {
          synchronized (published) {
            published.add(e);
          }
        });
    // Rewind the ids when a fault strikes, to where the failing transaction started.
    store.onTransactionStart(() -> txMark = ids.mark());
    store.onFault(() -> ids.rewind(txMark));

    jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    shop =
        program.enrol(
            Enrolment.partner("Shop").email("hello@shop.example").consentToContact(true).build());
    bob = program.refer(jane.primaryCode().value(), prospect("Bob"));
    carl = program.refer(shop.primaryCode().value(), prospect("Carl"));
    program.convert(carl.id(), purchase("O-1", 200));
    dana = program.refer(jane.primaryCode().value(), prospect("Dana"));
    program.convert(dana.id(), purchase("O-2", 100));
    clock.advance(Duration.ofHours(1));
  }

  static Prospect prospect(String name) {
    return Prospect.withEmail(name, name.toLowerCase(java.util.Locale.ROOT) + "@example.org");
  }

  Purchase purchase(String orderId, long amount) {
    return Purchase.of(orderId, Money.of(amount, "EUR"), clock.instant());
  }

  /** The rewards of {@code referrer} (read past the faults). */
  List<Reward> rewardsOf(Referrer referrer) {
    return backing.inTransaction(tx -> List.copyOf(tx.rewards().findByReferrer(referrer.id())));
  }

  /**
   * Everything observable, read straight from the wrapped store: referrers, leads, orders, rewards,
   * follow-ups, the event log, decision failures and ledger totals.
   */
  String snapshot() {
    return backing.inTransaction(
        tx -> {
          StringBuilder s = new StringBuilder();
          List<ReferralEvent> log = tx.events().between(Instant.EPOCH, FAR_FUTURE);
          TreeSet<ReferrerId> referrers = new TreeSet<>();
          TreeSet<LeadId> leads = new TreeSet<>();
          for (ReferralEvent e : log) {
            s.append("event ").append(e).append('\n');
            e.referrer().ifPresent(referrers::add);
            e.lead().ifPresent(leads::add);
            tx.decisionFailures().find(e.id()).ifPresent(f -> s.append(f).append('\n'));
          }
          for (ReferrerId id : referrers) {
            s.append(tx.referrers().find(id).orElseThrow()).append('\n');
            tx.rewards().findByReferrer(id).forEach(r -> s.append(r).append('\n'));
            tx.followUps().findByReferrer(id).forEach(f -> s.append(f).append('\n'));
            s.append(tx.rewards().referrerTotals(id, Instant.EPOCH, Instant.EPOCH)).append('\n');
          }
          for (LeadId id : leads) {
            s.append(tx.leads().find(id).orElseThrow()).append('\n');
            s.append(tx.leads().identityKeys(id)).append('\n');
          }
          for (int i = 1; i <= 20; i++) {
            tx.orders().find(OrderId.of("O-" + i)).ifPresent(o -> s.append(o).append('\n'));
          }
          s.append(tx.rewards().lockProgramTotals()).append('\n');
          s.append(tx.followUps().countByStatus()).append('\n');
          s.append(tx.decisionFailures().findUnresolved(1000)).append('\n');
          return s.toString();
        });
  }

  List<FollowUp> followUps() {
    List<FollowUp> all = new ArrayList<>();
    for (Referrer r : List.of(jane, shop)) {
      all.addAll(backing.inTransaction(tx -> tx.followUps().findByReferrer(r.id())));
    }
    return all;
  }
}
