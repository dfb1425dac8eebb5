package dev.referral.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Enrolment;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Refund;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.spi.StoreException;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import dev.referral.core.store.jdbc.TestDatabases;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command against a store that fails at its Nth call, for every N the command reaches (issue
 * 8): a single-transaction command leaves the state exactly as it was and publishes nothing, and a
 * retry produces exactly what a run without the fault produces. Commands made of several
 * transactions (maintenance, retries of failed decisions, dispatch) keep what their finished
 * transactions did, and a retry completes the rest.
 */
class StoreFaultTest {

  /** A command: the lookups it needs (done before the fault is armed), then the call. */
  record Scenario(String name, Function<FaultWorld, Callable<?>> prepare) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Scenario> ATOMIC =
      List.of(
          new Scenario(
              "enrol",
              w ->
                  () ->
                      w.program.enrol(
                          Enrolment.customer("Eve")
                              .email("eve@example.com")
                              .consentToContact(true)
                              .build())),
          new Scenario(
              "enrol with a vanity code",
              w -> () -> w.program.enrol(Enrolment.partner("Gym").vanityCode("GYM2026").build())),
          new Scenario("issue a code", w -> () -> w.program.issueCode(w.jane.id())),
          new Scenario(
              "issue a vanity code", w -> () -> w.program.issueCode(w.jane.id(), "JANE26")),
          new Scenario(
              "retire a code", w -> () -> w.program.retireCode(w.jane.primaryCode().value())),
          new Scenario(
              "block a referrer",
              w -> () -> w.program.changeStatus(w.jane.id(), ReferrerStatus.BLOCKED, "fraud")),
          new Scenario("withdraw consent", w -> () -> w.program.changeConsent(w.jane.id(), false)),
          new Scenario(
              "record satisfaction", w -> () -> w.program.recordSatisfaction(w.jane.id(), 9)),
          new Scenario(
              "record an outbound referral",
              w ->
                  () -> {
                    w.program.recordOutboundReferral(w.shop.id(), "sent a client");
                    return null;
                  }),
          new Scenario(
              "refer",
              w ->
                  () -> w.program.refer(w.jane.primaryCode().value(), FaultWorld.prospect("Finn"))),
          new Scenario(
              "refer with an unknown code",
              w -> () -> w.program.refer("NOSUCHCODE", FaultWorld.prospect("Finn"))),
          new Scenario(
              "refer a prospect already referred",
              w -> () -> w.program.refer(w.shop.primaryCode().value(), FaultWorld.prospect("Bob"))),
          new Scenario(
              "move a lead", w -> () -> w.program.move(w.bob.id(), LeadStatus.CONTACTED, "called")),
          new Scenario("lose a lead", w -> () -> w.program.move(w.bob.id(), LeadStatus.LOST, "no")),
          new Scenario(
              "convert",
              w -> {
                var purchase = w.purchase("O-10", 150);
                return () -> w.program.convert(w.bob.id(), purchase);
              }),
          new Scenario(
              "record a repeat purchase",
              w -> {
                var purchase = w.purchase("O-11", 80);
                return () -> w.program.convert(w.dana.id(), purchase);
              }),
          new Scenario(
              "refund in full",
              w -> {
                Refund refund =
                    Refund.of("RF-1", "O-2", Money.of(100, "EUR"), w.clock.instant(), "returned");
                return () -> w.program.refund(refund);
              }),
          new Scenario(
              "refund in part",
              w -> {
                Refund refund =
                    Refund.of("RF-2", "O-1", Money.of(50, "EUR"), w.clock.instant(), "damaged");
                return () -> w.program.refund(refund);
              }),
          new Scenario(
              "approve a reward",
              w -> {
                Reward pending = pendingApproval(w);
                return () -> w.program.approveReward(pending.id(), "checked");
              }),
          new Scenario(
              "reject a reward",
              w -> {
                Reward pending = pendingApproval(w);
                return () -> w.program.rejectReward(pending.id(), "self-dealing");
              }),
          new Scenario(
              "revoke a reward",
              w -> {
                Reward held = w.rewardsOf(w.jane).get(w.rewardsOf(w.jane).size() - 1);
                return () -> w.program.revokeReward(held.id(), "order cancelled");
              }),
          new Scenario(
              "redeem a reward",
              w -> {
                Reward issued =
                    w.rewardsOf(w.jane).stream()
                        .filter(r -> r.status() == RewardStatus.ISSUED)
                        .findFirst()
                        .orElseThrow();
                return () -> w.program.redeemReward(issued.id());
              }));

  static final List<Scenario> MULTI_STEP =
      List.of(
          new Scenario(
              "maintenance: issue held rewards",
              w -> {
                w.clock.advance(Duration.ofDays(15));
                return w.program::runMaintenance;
              }),
          new Scenario(
              "maintenance: expire leads",
              w -> {
                w.clock.advance(Duration.ofDays(100));
                return w.program::runMaintenance;
              }),
          new Scenario(
              "retry failed decisions",
              w -> {
                w.policyBroken.set(true);
                w.program.refer(w.jane.primaryCode().value(), FaultWorld.prospect("Finn"));
                w.program.convert(w.bob.id(), w.purchase("O-12", 90));
                w.policyBroken.set(false);
                return w.program::retryFailedDecisions;
              }));

  private static Reward pendingApproval(FaultWorld w) {
    return w.rewardsOf(w.shop).stream()
        .filter(r -> r.status() == RewardStatus.PENDING && r.approvalRequired())
        .findFirst()
        .orElseThrow();
  }

  /** What a run without a fault does: the result, the state after it, and its store calls. */
  record Reference(
      String result,
      String before,
      String state,
      long calls,
      int publishedBefore,
      int publishedAfter) {
    static Reference of(Scenario scenario, Supplier<FaultWorld> worlds) throws Exception {
      FaultWorld w = worlds.get();
      Callable<?> command = scenario.prepare().apply(w);
      String before = w.snapshot();
      long calls = w.store.calls();
      int published = w.published.size();
      Object result = command.call();
      return new Reference(
          String.valueOf(result),
          before,
          w.snapshot(),
          w.store.calls() - calls,
          published,
          w.published.size());
    }
  }

  /** What is checked after the command failed at call {@code at}, then ran again. */
  @FunctionalInterface
  interface FaultCheck {
    void check(Reference reference, FaultWorld w, Callable<?> command, String at) throws Exception;
  }

  /** One dynamic test per scenario; each runs the command failing at every call it reaches. */
  private static Stream<DynamicTest> everyFault(
      List<Scenario> scenarios, Supplier<FaultWorld> worlds, FaultCheck check) {
    return scenarios.stream()
        .map(
            scenario ->
                DynamicTest.dynamicTest(
                    scenario.name(),
                    () -> {
                      Reference reference = Reference.of(scenario, worlds);
                      assertTrue(reference.calls() > 1, "the command reached the store");
                      for (long n = 1; n <= reference.calls(); n++) {
                        String at = scenario + ", fault at call " + n + " of " + reference.calls();
                        FaultWorld w = worlds.get();
                        Callable<?> command = scenario.prepare().apply(w);
                        w.store.failAtCall(n);

                        assertThrows(StoreException.class, command::call, at);

                        check.check(reference, w, command, at);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest>
      givenAStoreFailingAtAnyCall_whenACommandRuns_thenNothingChangesAndARetrySucceeds() {
    return everyFault(ATOMIC, FaultWorld::new, StoreFaultTest::unchangedThenRetried);
  }

  /** Nothing changed and nothing was published; a retry gives the fault-free result and state. */
  private static void unchangedThenRetried(
      Reference reference, FaultWorld w, Callable<?> command, String at) throws Exception {
    assertEquals(reference.before(), w.snapshot(), at + ": state changed");
    assertEquals(reference.publishedBefore(), w.published.size(), at + ": published");
    Object result = command.call();
    assertEquals(reference.result(), String.valueOf(result), at);
    assertEquals(reference.state(), w.snapshot(), at + ": retry differs");
    assertEquals(reference.publishedAfter(), w.published.size(), at + ": published");
  }

  /**
   * The same on the JDBC store (H2), for the commands that write the most: its rollback, not the
   * in-memory store's undo log, must leave nothing behind.
   */
  @TestFactory
  Stream<DynamicTest>
      givenAJdbcStoreFailingAtAnyCall_whenACommandRuns_thenNothingChangesAndARetrySucceeds() {
    Set<String> names = Set.of("convert", "refund in full");
    return everyFault(
        ATOMIC.stream().filter(s -> names.contains(s.name())).toList(),
        () -> {
          JdbcReferralStore h2 = JdbcReferralStore.of(TestDatabases.newH2());
          h2.createSchema();
          return new FaultWorld(h2);
        },
        StoreFaultTest::unchangedThenRetried);
  }

  @TestFactory
  Stream<DynamicTest>
      givenAStoreFailingAtAnyCall_whenAMultiStepCommandRuns_thenARetryFinishesTheSameWork() {
    return everyFault(
        MULTI_STEP,
        FaultWorld::new,
        (reference, w, command, at) -> {
          command.call();
          assertEquals(reference.state(), w.snapshot(), at + ": retry differs");
        });
  }

  @TestFactory
  Stream<DynamicTest> givenAStoreFailingAtAnyCallOfADispatch_whenRetried_thenEveryFollowUpIsSent()
      throws Exception {
    // The reference: what one dispatch a day later sends.
    FaultWorld ref = new FaultWorld();
    ref.clock.advance(Duration.ofDays(1));
    long before = ref.store.calls();
    ref.program.dispatchDueFollowUps();
    long calls = ref.store.calls() - before;
    Set<String> sent = ids(ref.notifier.notifications());
    assertTrue(sent.size() > 1, "the reference dispatch sent follow-ups");
    String expected = statuses(ref.followUps());
    return Stream.iterate(1L, n -> n <= calls, n -> n + 1)
        .map(
            n ->
                DynamicTest.dynamicTest(
                    "fault at call " + n + " of " + calls,
                    () -> {
                      FaultWorld w = new FaultWorld();
                      w.clock.advance(Duration.ofDays(1));
                      w.store.failAtCall(n);

                      assertThrows(StoreException.class, w.program::dispatchDueFollowUps);
                      // A claim held by the failed run is taken over once its lease ends.
                      w.clock.advance(Duration.ofMinutes(6));
                      w.program.dispatchDueFollowUps();

                      assertEquals(expected, statuses(w.followUps()));
                      assertEquals(sent, ids(w.notifier.notifications()));
                    }));
  }

  private static Set<String> ids(List<Notification> notifications) {
    Set<String> ids = new HashSet<>();
    notifications.forEach(n -> ids.add(n.id().value()));
    return ids;
  }

  private static String statuses(List<FollowUp> followUps) {
    StringBuilder s = new StringBuilder();
    for (FollowUp f : followUps) {
      s.append(f.id()).append(' ').append(f.kind()).append(' ').append(f.status()).append('\n');
      if (f.status() == FollowUpStatus.CLAIMED) {
        s.append("  still claimed\n");
      }
    }
    return s.toString();
  }
}
