package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Audience;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.Satisfaction;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the follow-up schedule under any sequence of lead moves, purchases, satisfaction
 * scores, clock advances, maintenance runs, failing deliveries and dispatch runs (issue 3).
 */
class FollowUpProperties {

  /** One step of a generated scenario. */
  sealed interface Step {}

  /** Refer a new prospect by referrer {@code referrer} (an index). */
  record Refer(int referrer) implements Step {}

  /** Move lead {@code lead} (an index) to {@code to}, if that move is allowed. */
  record Move(int lead, LeadStatus to) implements Step {}

  /** Record a purchase by lead {@code lead} (an index). */
  record Buy(int lead) implements Step {}

  /** Record satisfaction {@code score} of referrer {@code referrer}. */
  record Score(int referrer, int score) implements Step {}

  /** Let {@code minutes} pass. */
  record Wait(int minutes) implements Step {}

  /** Make the next {@code count} deliveries fail. */
  record FailNext(int count) implements Step {}

  /** Run the dispatcher. */
  record Dispatch() implements Step {}

  /** Let {@code minutes} pass, then run the dispatcher. */
  record Tick(int minutes) implements Step {}

  /** Run maintenance (expires leads past their window). */
  record Maintain() implements Step {}

  private static final int REFERRERS = 2;

  private static Arbitrary<Step> waits() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 120).map(Wait::new),
        Arbitraries.integers().between(1, 60 * 24 * 40).map(Wait::new));
  }

  @Provide
  Arbitrary<List<Step>> leadScenarios() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 5);
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, REFERRERS - 1).map(Refer::new)),
            Tuple.of(
                4,
                Combinators.combine(
                        index,
                        Arbitraries.of(LeadStatus.CONTACTED, LeadStatus.QUALIFIED, LeadStatus.LOST))
                    .as(Move::new)),
            Tuple.of(2, index.map(Buy::new)),
            Tuple.of(5, waits()),
            Tuple.of(1, Arbitraries.integers().between(1, 4).map(FailNext::new)),
            Tuple.of(5, Arbitraries.just(new Dispatch())),
            Tuple.of(1, Arbitraries.just(new Maintain())));
    return step.list()
        .ofMinSize(5)
        .ofMaxSize(40)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<List<Step>> askScenarios() {
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(new Refer(0))),
            Tuple.of(2, Arbitraries.integers().between(0, 5).map(Buy::new)),
            Tuple.of(4, Arbitraries.integers().between(THRESHOLD, 10).map(s -> new Score(0, s))),
            Tuple.of(1, Arbitraries.integers().between(0, THRESHOLD - 1).map(s -> new Score(0, s))),
            Tuple.of(8, Arbitraries.integers().between(1, 12 * 24 * 60).map(Tick::new)),
            Tuple.of(2, Arbitraries.integers().between(1, 120).map(Tick::new)),
            Tuple.of(1, Arbitraries.integers().between(1, 3).map(FailNext::new)));
    return step.list()
        .ofMinSize(10)
        .ofMaxSize(60)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  /** Runs scenarios against a fixture and watches every notification handed to the notifier. */
  private static final class Run {
    final FollowUpFixture fx;
    final List<Referrer> referrers = new ArrayList<>();
    final List<LeadId> leads = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<Notification> delivered = new ArrayList<>();
    private final Set<FollowUpId> scheduledBeforeALeadEnded = new HashSet<>();
    private final int threshold;
    private int failNext;
    private int orders;

    Run(FollowUpPolicy policy) {
      this.threshold = policy.satisfactionThreshold();
      Notifier watching = this::send;
      this.fx =
          FollowUpFixture.builder()
              .policy(policy)
              .notifier(watching)
              .dispatch(d -> d.maxAttempts(3))
              .build();
      for (int i = 0; i < REFERRERS; i++) {
        referrers.add(fx.customer("Referrer" + i));
      }
    }

    /** The notifier: checks each notification against the program's state at send time. */
    private void send(Notification n) throws IOException {
      check(n);
      if (failNext > 0) {
        failNext--;
        throw new IOException("delivery failed");
      }
      delivered.add(n);
    }

    void check(Notification n) {
      if (scheduledBeforeALeadEnded.contains(n.id())) {
        violations.add(n.kind() + " " + n.id() + " was scheduled before its lead ended");
      }
      if (n.kind().equals(FollowUpKind.ASK_FOR_REFERRALS)) {
        int score =
            fx.program
                .referrer(n.recipient().referrerId())
                .satisfaction()
                .map(Satisfaction::score)
                .orElse(-1);
        if (score < threshold) {
          violations.add("asked " + n.recipient().name() + " with satisfaction " + score);
        }
      }
      Optional<LeadId> leadId = n.recipient().leadId();
      if (n.recipient().audience() == Audience.PROSPECT) {
        Lead lead = fx.program.lead(leadId.orElseThrow());
        if (!lead.status().isOpen() || !lead.expiresAt().isAfter(fx.clock.instant())) {
          violations.add(n.kind() + " " + n.id() + " to a lead that ended: " + lead.status());
        }
      }
    }

    void run(List<Step> steps) {
      for (Step step : steps) {
        if (step instanceof Dispatch) {
          fx.program.dispatchDueFollowUps();
        } else if (step instanceof Wait wait) {
          fx.advance(Duration.ofMinutes(wait.minutes()));
        } else if (step instanceof Tick tick) {
          fx.advance(Duration.ofMinutes(tick.minutes()));
          fx.program.dispatchDueFollowUps();
        } else if (step instanceof FailNext fail) {
          failNext += fail.count();
        } else {
          changeState(step);
        }
      }
    }

    /** Applies a state change, noting the follow-ups of every lead it ends. */
    private void changeState(Step step) {
      Map<LeadId, List<FollowUp>> open = new HashMap<>();
      for (LeadId id : leads) {
        if (fx.program.lead(id).status().isOpen()) {
          open.put(id, fx.program.followUpsFor(id));
        }
      }
      if (step instanceof Refer refer) {
        Lead lead =
            fx.program.refer(
                referrers.get(refer.referrer()).primaryCode().value(),
                Prospect.withEmail("P", "p" + leads.size() + "@example.org"));
        leads.add(lead.id());
      } else if (step instanceof Move move && move.lead() < leads.size()) {
        LeadId id = leads.get(move.lead());
        if (fx.program.lead(id).status().canMoveTo(move.to())) {
          fx.program.move(id, move.to(), "");
        }
      } else if (step instanceof Buy buy && buy.lead() < leads.size()) {
        fx.program.convert(
            leads.get(buy.lead()),
            Purchase.of("O-" + ++orders, Money.of(40, "EUR"), fx.clock.instant()));
      } else if (step instanceof Score score) {
        fx.program.recordSatisfaction(referrers.get(score.referrer()).id(), score.score());
      } else if (step instanceof Maintain) {
        fx.program.runMaintenance();
      }
      open.forEach(
          (id, followUps) -> {
            if (!fx.program.lead(id).status().isOpen()) {
              followUps.forEach(f -> scheduledBeforeALeadEnded.add(f.id()));
            }
          });
    }
  }

  @Property(tries = 300)
  void shouldSendNothingForALeadAfterItEndedNorAskAnUnsatisfiedCustomer(
      @ForAll("leadScenarios") List<Step> steps) {
    // given
    Run run = new Run(FollowUpPolicy.ofDefaults());

    // when
    run.run(steps);
    run.fx.advance(Duration.ofDays(400));
    run.fx.program.dispatchDueFollowUps();

    // then
    assertEquals(List.of(), run.violations);
    Statistics.label("prospect messages")
        .collect(
            run.delivered.stream()
                    .filter(n -> n.recipient().audience() == Audience.PROSPECT)
                    .count()
                > 0);
  }

  private static final int THRESHOLD = 7;
  private static final Duration MIN_ASK_INTERVAL = Duration.ofDays(10);
  private static final int MAX_ASKS = 2;

  @Property(tries = 300)
  void shouldAskOnlySatisfiedCustomersNotTooOftenAndNotForever(
      @ForAll("askScenarios") @Size(min = 1) List<Step> steps) {
    // given
    FollowUpPolicy policy =
        FollowUpPolicy.builder()
            .satisfactionThreshold(THRESHOLD)
            .minAskInterval(MIN_ASK_INTERVAL)
            .maxAsksWithoutReferral(MAX_ASKS)
            .askAgainAfter(Duration.ofDays(2))
            .askAfterSatisfaction(Duration.ofHours(1))
            .build();
    Run run = new Run(policy);
    List<String> violations = new ArrayList<>();
    List<Instant> asks = new ArrayList<>();
    int[] asksSinceReferral = {0};
    int[] mostAsksInARow = {0};
    run.fx.program.on(
        FollowUpSent.class,
        sent -> {
          if (sent.kind().equals(FollowUpKind.ASK_FOR_REFERRALS)) {
            if (!asks.isEmpty()
                && asks.get(asks.size() - 1).plus(MIN_ASK_INTERVAL).isAfter(sent.at())) {
              violations.add(
                  "asked at " + sent.at() + " after an ask at " + asks.get(asks.size() - 1));
            }
            mostAsksInARow[0] = Math.max(mostAsksInARow[0], asksSinceReferral[0] + 1);
            if (++asksSinceReferral[0] > MAX_ASKS) {
              violations.add("ask " + asksSinceReferral[0] + " without a referral at " + sent.at());
            }
            asks.add(sent.at());
          }
        });
    run.fx.program.on(LeadReferred.class, e -> asksSinceReferral[0] = 0);

    // when
    run.run(steps);

    // then
    assertEquals(List.of(), run.violations);
    assertEquals(List.of(), violations);
    Statistics.label("most asks without a referral").collect(mostAsksInARow[0]);
  }
}
