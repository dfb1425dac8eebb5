package dev.referral.rules;

import dev.referral.core.EventId;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStats;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.DecisionRecovered;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.rules.ReplayReport.Difference;
import dev.referral.rules.ReplayReport.Failure;
import dev.referral.rules.ReplayReport.Grant;
import dev.referral.rules.ReplayReport.RuleChanges;
import dev.referral.rules.internal.Engine;
import dev.referral.rules.internal.History;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tries a rule set on the recorded event log before it goes live: {@link #run} reports, per rule,
 * on which past events it would have granted differently from what was granted; {@link #dryRun}
 * explains one recorded event. Neither changes anything: the store is only read.
 *
 * <p>What was granted for an event is read from the {@code RewardGranted} and {@code RewardDenied}
 * events whose {@code causedBy} is that event, under their {@code reason} (the rule or policy
 * name). Rewards are compared by beneficiary and incentive; holds, approvals and expiries are not
 * compared.
 *
 * <p>How the context of a past event is rebuilt, and where that is an approximation:
 *
 * <ul>
 *   <li>{@code now} is the event's time and the zone is {@link Builder#zone}.
 *   <li>The referrer's counts ({@code stats()}) are rebuilt from the log up to and including the
 *       event, from {@link Builder#historyStart} on: conversions by order time, referrer rewards
 *       (thank-you notes excepted) less revoked ones. Events before the history start are not
 *       counted.
 *   <li>The referrer and the lead are read from the store as they are <em>now</em>, not as they
 *       were at the event: a referrer paused since, or a lead converted since, shows its current
 *       kind, status and source.
 *   <li>Limits and budgets are not applied: a grant the replayed rules ask for is reported as
 *       granted; recorded grants that a limit denied are reported with the limit.
 *   <li>Rewards that other policies granted (their reason is not a rule of the replayed set) show
 *       as rules the replayed set no longer has.
 *   <li>The program's offer is not known to the replay.
 * </ul>
 *
 * <p>This class is immutable and thread-safe; each call reads in one store transaction.
 */
public final class Replay {

  /** The zone of calendar months and years, by default: UTC. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  /** Where counts start, by default: the epoch, so the whole log counts. */
  public static final Instant DEFAULT_HISTORY_START = Instant.EPOCH;

  private final ReferralStore store;
  private final ZoneId zone;
  private final Instant historyStart;

  private Replay(Builder builder) {
    this.store = builder.store;
    this.zone = builder.zone;
    this.historyStart = builder.historyStart;
  }

  /** A replay of {@code store}'s log with the defaults. */
  public static Replay of(ReferralStore store) {
    return builder(store).build();
  }

  /** Starts a replay of {@code store}'s log. */
  public static Builder builder(ReferralStore store) {
    return new Builder(store);
  }

  /**
   * Evaluates {@code ruleSet} on every event from {@code from} (inclusive) to {@code to}
   * (exclusive) and compares its grants with the recorded ones.
   */
  public ReplayReport run(RuleSet ruleSet, Instant from, Instant to) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Checks.argument(!to.isBefore(from), "to must not be before from but was " + to);
    Engine engine = Engine.compile(ruleSet);
    return store.inTransaction(
        tx -> {
          List<ReferralEvent> log = tx.events().between(historyStart, to);
          Map<EventId, List<Recorded>> recorded = recordedGrants(log);
          Contexts contexts = new Contexts(tx);
          Map<String, Changes> changes = new LinkedHashMap<>();
          for (Rule rule : ruleSet.rules()) {
            changes.put(rule.name(), new Changes());
          }
          Map<String, Changes> others = new TreeMap<>();
          List<Failure> failures = new ArrayList<>();
          int evaluated = 0;
          for (ReferralEvent event : log) {
            contexts.history.record(event);
            if (event.at().isBefore(from) || !isDecidable(event)) {
              continue;
            }
            evaluated++;
            Evaluation evaluation = engine.explain(event, contexts.of(event));
            evaluation
                .failure()
                .ifPresent(
                    f ->
                        failures.add(
                            new Failure(event.id(), f.policyName(), String.valueOf(f.getCause()))));
            Map<String, List<Grant>> would = new HashMap<>();
            for (Decision decision : evaluation.decisions()) {
              if (decision instanceof GrantReward g) {
                would
                    .computeIfAbsent(g.reason(), k -> new ArrayList<>())
                    .add(new Grant(g.beneficiary(), g.incentive(), Optional.empty()));
              }
            }
            Map<String, List<Grant>> was = new HashMap<>();
            for (Recorded r : recorded.getOrDefault(event.id(), List.of())) {
              was.computeIfAbsent(r.reason(), k -> new ArrayList<>()).add(r.grant());
            }
            for (String reason : union(would, was)) {
              Changes c = changes.get(reason);
              if (c == null) {
                c = others.computeIfAbsent(reason, k -> new Changes());
              }
              List<Grant> w = would.getOrDefault(reason, List.of());
              List<Grant> g = was.getOrDefault(reason, List.of());
              if (sameGrants(w, g)) {
                c.unchanged++;
              } else {
                c.differences.add(new Difference(event.id(), event.type(), event.at(), w, g));
              }
            }
          }
          changes.putAll(others);
          List<RuleChanges> rules = new ArrayList<>();
          changes.forEach(
              (name, c) -> rules.add(new RuleChanges(name, c.unchanged, c.differences)));
          return new ReplayReport(ruleSet.name(), from, to, evaluated, rules, failures);
        });
  }

  /**
   * Evaluates {@code ruleSet} on the recorded event {@code eventId} and explains it, with the
   * context rebuilt as described above. Nothing is changed.
   *
   * @throws UnknownIdException if the log has no such event from the history start on
   */
  public Evaluation dryRun(RuleSet ruleSet, EventId eventId) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(eventId, "eventId");
    Engine engine = Engine.compile(ruleSet);
    return store.inTransaction(
        tx -> {
          ReferralEvent target =
              tx.events().find(eventId).orElseThrow(() -> new UnknownIdException("event", eventId));
          Contexts contexts = new Contexts(tx);
          for (ReferralEvent event : tx.events().between(historyStart, target.at().plusNanos(1))) {
            contexts.history.record(event);
            if (event.id().equals(eventId)) {
              return engine.explain(event, contexts.of(event));
            }
          }
          throw new UnknownIdException("event", eventId);
        });
  }

  private static boolean isDecidable(ReferralEvent event) {
    return !(event instanceof DecisionFailed) && !(event instanceof DecisionRecovered);
  }

  private record Recorded(String reason, Grant grant) {}

  private static Map<EventId, List<Recorded>> recordedGrants(List<ReferralEvent> log) {
    Map<EventId, List<Recorded>> byCause = new HashMap<>();
    for (ReferralEvent event : log) {
      if (event instanceof RewardGranted g) {
        byCause
            .computeIfAbsent(g.causedBy(), k -> new ArrayList<>())
            .add(
                new Recorded(
                    g.reason(), new Grant(g.beneficiary(), g.incentive(), Optional.empty())));
      } else if (event instanceof RewardDenied d) {
        byCause
            .computeIfAbsent(d.causedBy(), k -> new ArrayList<>())
            .add(
                new Recorded(
                    d.reason(), new Grant(d.beneficiary(), d.incentive(), Optional.of(d.limit()))));
      }
    }
    return byCause;
  }

  private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    for (String key : b.keySet()) {
      if (!a.containsKey(key)) {
        keys.add(key);
      }
    }
    keys.sort(null);
    return keys;
  }

  /** The same beneficiaries and incentives, as multisets; denials are not compared. */
  private static boolean sameGrants(List<Grant> would, List<Grant> was) {
    if (would.size() != was.size()) {
      return false;
    }
    List<Grant> left = new ArrayList<>(was);
    for (Grant w : would) {
      boolean found = false;
      for (int i = 0; i < left.size(); i++) {
        Grant g = left.get(i);
        if (g.beneficiary() == w.beneficiary() && g.incentive().equals(w.incentive())) {
          left.remove(i);
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static final class Changes {
    int unchanged;
    final List<Difference> differences = new ArrayList<>();
  }

  /** Contexts of past events: referrer and lead from the store, counts from the history. */
  private final class Contexts {
    final History history = new History(zone);
    private final StoreTransaction tx;
    private final Map<ReferrerId, Optional<Referrer>> referrers = new HashMap<>();
    private final Map<LeadId, Optional<Lead>> leads = new HashMap<>();

    Contexts(StoreTransaction tx) {
      this.tx = tx;
    }

    PolicyContext of(ReferralEvent event) {
      Optional<Referrer> referrer =
          event
              .referrer()
              .flatMap(id -> referrers.computeIfAbsent(id, k -> tx.referrers().find(k)));
      Optional<Lead> lead =
          event.lead().flatMap(id -> leads.computeIfAbsent(id, k -> tx.leads().find(k)));
      // Read lazily, during this event's evaluation, while the history stands at this event.
      return new PolicyContext.SnapshotContext(
          event.at(),
          zone,
          referrer,
          lead,
          () -> referrer.map(r -> history.stats(r.id(), event.at())).orElse(ReferrerStats.ZERO),
          Optional.empty());
    }
  }

  /** Builds a {@link Replay}. Not thread-safe. */
  public static final class Builder {
    private final ReferralStore store;
    private ZoneId zone = DEFAULT_ZONE;
    private Instant historyStart = DEFAULT_HISTORY_START;

    private Builder(ReferralStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The zone of calendar months and years; {@link #DEFAULT_ZONE} by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Where the rebuilt counts start; {@link #DEFAULT_HISTORY_START} by default. */
    public Builder historyStart(Instant historyStart) {
      this.historyStart = Objects.requireNonNull(historyStart, "historyStart");
      return this;
    }

    /** The replay. */
    public Replay build() {
      return new Replay(this);
    }
  }
}
