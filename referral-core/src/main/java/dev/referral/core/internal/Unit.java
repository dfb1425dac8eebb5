package dev.referral.core.internal;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.LedgerTotals;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralException;
import dev.referral.core.ReferralLimits;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStats;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.DecisionRecovered;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.PolicyEvaluationException;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import dev.referral.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one command inside one store transaction: it caches what it reads, appends events,
 * lets the policy decide on every event (including those its decisions cause) and applies the
 * decisions. Not thread-safe; lives for one transaction attempt.
 */
final class Unit {
  private static final Logger log = LoggerFactory.getLogger(Unit.class);

  /** A guard against policies that keep reacting to their own decisions. */
  static final int MAX_EVENTS_PER_COMMAND = 10_000;

  final StoreTransaction tx;
  final Instant now;
  final ProgramConfig config;
  final List<ReferralEvent> emitted = new ArrayList<>();
  private final ArrayDeque<ReferralEvent> undecided = new ArrayDeque<>();
  private final SmallCache<ReferrerId, Optional<Referrer>> referrers = new SmallCache<>();
  private final SmallCache<LeadId, Optional<Lead>> leads = new SmallCache<>();
  private final List<Reward> inserted = new ArrayList<>();
  private @Nullable Map<String, Integer> seen;
  // The event decided on last, its lead and its order: the records made for its decisions share
  // these Optionals instead of one each.
  private @Nullable ReferralEvent memoEvent;
  private Optional<LeadId> memoLead = Optional.empty();
  private Optional<OrderId> memoOrder = Optional.empty();
  private @Nullable Optional<Instant> nowOptional;

  Unit(StoreTransaction tx, Instant now, ProgramConfig config) {
    this.tx = tx;
    this.now = now;
    this.config = config;
  }

  // Ids and events

  EventId eventId() {
    return EventId.of(config.idGenerator.next("E"));
  }

  String newId(String prefix) {
    return config.idGenerator.next(prefix);
  }

  /** Appends {@code event} to the log; the policy decides on it in {@link #decideAll()}. */
  void emit(ReferralEvent event) {
    tx.events().append(event);
    emitted.add(event);
    undecided.add(event);
  }

  /**
   * Whether {@code event} was emitted by this unit: its id is new, so nothing stored can carry a
   * key derived from it yet, and the idempotency look-ups for it can be skipped.
   */
  private boolean emittedHere(ReferralEvent event) {
    for (ReferralEvent e : emitted) {
      if (e == event) {
        return true;
      }
    }
    return false;
  }

  /** The rewards (granted or denied) this unit saved for order {@code orderId}, oldest first. */
  List<Reward> rewardsSavedFor(OrderId orderId) {
    List<Reward> found = new ArrayList<>();
    for (Reward r : inserted) {
      if (r.orderId().filter(orderId::equals).isPresent()) {
        found.add(r);
      }
    }
    return found;
  }

  private void insertReward(Reward reward) {
    tx.rewards().insert(reward);
    inserted.add(reward);
  }

  // Cached reads and writes

  Optional<Referrer> findReferrer(ReferrerId id) {
    Optional<Referrer> cached = referrers.get(id);
    if (cached != null) {
      return cached;
    }
    Optional<Referrer> found = tx.referrers().find(id);
    if (found.isPresent()) {
      referrers.put(id, found);
    }
    return found;
  }

  Referrer referrer(ReferrerId id) {
    Optional<Referrer> found = findReferrer(id);
    if (found.isEmpty()) {
      throw new UnknownIdException("referrer", id);
    }
    return found.get();
  }

  void insertReferrer(Referrer referrer) {
    tx.referrers().insert(referrer);
    referrers.put(referrer.id(), Optional.of(referrer));
  }

  void updateReferrer(Referrer referrer) {
    tx.referrers().update(referrer);
    referrers.put(referrer.id(), Optional.of(referrer));
  }

  Optional<Lead> findLead(LeadId id) {
    Optional<Lead> cached = leads.get(id);
    if (cached != null) {
      return cached;
    }
    Optional<Lead> found = tx.leads().find(id);
    if (found.isPresent()) {
      leads.put(id, found);
    }
    return found;
  }

  Lead lead(LeadId id) {
    Optional<Lead> found = findLead(id);
    if (found.isEmpty()) {
      throw new UnknownIdException("lead", id);
    }
    return found.get();
  }

  void insertLead(Lead lead, Set<String> identityKeys) {
    tx.leads().insert(lead, identityKeys);
    leads.put(lead.id(), Optional.of(lead));
  }

  void updateLead(Lead lead) {
    tx.leads().update(lead);
    leads.put(lead.id(), Optional.of(lead));
  }

  /** A generated code that no referrer has. */
  ReferralCode freshCode() {
    for (int attempt = 0; attempt < 10; attempt++) {
      ReferralCode code = config.codeGenerator.generate();
      if (tx.referrers().findByCode(code).isEmpty()) {
        return code;
      }
    }
    throw new ReferralException("could not generate a free referral code in 10 attempts");
  }

  // Periods

  Instant monthStart() {
    return monthStart(now);
  }

  Instant yearStart() {
    return yearStart(now);
  }

  private Instant monthStart(Instant at) {
    return config.periods.monthStart(at);
  }

  private Instant yearStart(Instant at) {
    return config.periods.yearStart(at);
  }

  /** The referrer's conversion counts now. */
  PeriodCounts conversions(ReferrerId id) {
    return tx.leads().conversionCounts(id, monthStart(), yearStart());
  }

  /** The referrer's conversion counts as at {@code at}: those recorded after it are taken out. */
  PeriodCounts conversionsAsOf(ReferrerId id, Instant at) {
    return countsAsOf(id, at, tx.leads().conversionCounts(id, monthStart(at), yearStart(at)));
  }

  /**
   * The referrer's stats as at {@code at}, given its conversion counts as at {@code at}. Reward
   * totals are today's (a reward's status changes over time, so its past is not kept).
   */
  ReferrerStats stats(ReferrerId id, Instant at, PeriodCounts conversions) {
    PeriodTotals rewards = tx.rewards().referrerTotals(id, monthStart(at), yearStart(at));
    return new ReferrerStats(
        conversions.thisMonth(),
        conversions.thisYear(),
        conversions.lifetime(),
        rewards.thisMonth(),
        rewards.thisYear(),
        rewards.lifetime());
  }

  /**
   * {@code counts}, read in {@code at}'s periods, less the conversions recorded after {@code at}.
   */
  private PeriodCounts countsAsOf(ReferrerId id, Instant at, PeriodCounts counts) {
    Instant month = monthStart(at);
    Instant year = yearStart(at);
    long thisMonth = counts.thisMonth();
    long thisYear = counts.thisYear();
    long lifetime = counts.lifetime();
    // A purchase may be reported long after the referral, so every lead of the referrer is read.
    for (Lead lead : tx.leads().findByReferrer(id, Instant.EPOCH)) {
      if (lead.conversion().isPresent() && convertedAfter(lead, at)) {
        Instant purchased = lead.conversion().get().at();
        lifetime--;
        thisYear -= purchased.isBefore(year) ? 0 : 1;
        thisMonth -= purchased.isBefore(month) ? 0 : 1;
      }
    }
    return new PeriodCounts(Math.max(0, thisMonth), Math.max(0, thisYear), Math.max(0, lifetime));
  }

  private static boolean convertedAfter(Lead lead, Instant at) {
    for (LeadTransition t : lead.history()) {
      if (t.to() == LeadStatus.CONVERTED) {
        return t.at().isAfter(at);
      }
    }
    return false;
  }

  // Follow-up bookkeeping owned by the program (not by policies)

  /**
   * Cancels the follow-ups in {@code candidates} that are not final and whose kind is in {@code
   * kinds}. Claimed ones too: a claim can end in a retry, or a crashed dispatcher's claim be taken
   * over, and either would send later what is cancelled now.
   */
  int cancel(List<FollowUp> candidates, Set<FollowUpKind> kinds, String why) {
    int cancelled = 0;
    for (FollowUp f : candidates) {
      if (!f.status().isFinal() && (kinds.isEmpty() || kinds.contains(f.kind()))) {
        tx.followUps().update(f.cancel(now, why));
        cancelled++;
      }
    }
    if (cancelled > 0) {
      log.debug("Cancelled {} follow-ups: {}", cancelled, why);
    }
    return cancelled;
  }

  void cancelLeadFollowUps(LeadId leadId, String why) {
    cancel(tx.followUps().findByLead(leadId), Set.of(), why);
  }

  void cancelReferrerFollowUps(ReferrerId referrerId, String why) {
    cancel(tx.followUps().findByReferrer(referrerId), Set.of(), why);
  }

  /** Cancels the follow-ups to the referrer, not those to the prospects they referred. */
  void cancelFollowUpsToReferrer(ReferrerId referrerId, String why) {
    List<FollowUp> toReferrer = new ArrayList<>();
    for (FollowUp f : tx.followUps().findByReferrer(referrerId)) {
      if (f.audience() == Audience.REFERRER) {
        toReferrer.add(f);
      }
    }
    cancel(toReferrer, Set.of(), why);
  }

  // Deciding

  /** Lets the policy decide on every event not yet decided on, until none is left. */
  void decideAll() {
    int decided = 0;
    while (!undecided.isEmpty()) {
      ReferralEvent event = undecided.poll();
      if (event instanceof DecisionFailed || event instanceof DecisionRecovered) {
        continue;
      }
      if (++decided > MAX_EVENTS_PER_COMMAND) {
        throw new ReferralException(
            "more than "
                + MAX_EVENTS_PER_COMMAND
                + " events in one command: a policy keeps reacting to its own decisions");
      }
      decide(event);
    }
  }

  /**
   * Decides on {@code event} and applies the decisions.
   *
   * @return true if the policy did not fail
   */
  boolean decide(ReferralEvent event) {
    return decide(event, context(event));
  }

  /**
   * Decides again on {@code event}, whose decision failed earlier, as at the event: the policy sees
   * the event's time and the referrer's conversion counts as they were then, so a rule for "the
   * third conversion" still fires when a fourth came before the retry.
   *
   * @return true if the policy did not fail
   */
  boolean decideAgain(ReferralEvent event) {
    return decide(
        event, new EventContext(this, event.at(), true, referrerOf(event), leadOf(event)));
  }

  private boolean decide(ReferralEvent event, PolicyContext context) {
    List<Decision> decisions;
    String failedPolicy = null;
    Throwable failure = null;
    try {
      decisions = config.policy.decide(event, context);
      if (decisions == null) {
        throw new NullPointerException("policy " + config.policy.name() + " returned null");
      }
    } catch (PolicyEvaluationException e) {
      decisions = e.decided();
      failedPolicy = e.policyName();
      failure = e.getCause() != null ? e.getCause() : e;
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      // Not only RuntimeException: a policy may sneak a checked exception past decide's signature
      // (Lombok, Kotlin, rethrowing helpers), fail an assert, recurse without end or miss a class
      // of its own, and none of it may roll the command back. Other VM errors still propagate.
      decisions = List.of();
      failedPolicy = config.policy.name();
      failure = e;
    }
    Map<String, Integer> seen = this.seen;
    if (seen == null) {
      seen = new HashMap<>();
      this.seen = seen;
    } else {
      seen.clear();
    }
    // By index where the list allows it: no iterator over whichever list type the policy returned.
    int count = decisions.size();
    Iterator<Decision> each = decisions instanceof RandomAccess ? null : decisions.iterator();
    for (int i = 0; i < count; i++) {
      Decision decision = each == null ? decisions.get(i) : each.next();
      try {
        apply(event, decision, seen);
      } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
        // The decision itself is invalid (say, a commission without an order): a policy bug.
        if (failure == null) {
          failedPolicy = decision.reason();
          failure = e;
        }
      }
    }
    if (failure != null) {
      recordFailure(event, failedPolicy, failure);
      return false;
    }
    return true;
  }

  PolicyContext context(ReferralEvent event) {
    return new EventContext(this, now, false, referrerOf(event), leadOf(event));
  }

  private Optional<Referrer> referrerOf(ReferralEvent event) {
    Optional<ReferrerId> id = event.referrer();
    return id.isPresent() ? findReferrer(id.get()) : Optional.empty();
  }

  private Optional<Lead> leadOf(ReferralEvent event) {
    Optional<LeadId> id = leadIdOf(event);
    return id.isPresent() ? findLead(id.get()) : Optional.empty();
  }

  private void recordFailure(ReferralEvent event, String policy, Throwable failure) {
    String error = String.valueOf(failure);
    log.warn("Policy '{}' failed on event {}; it will be retried: {}", policy, event.id(), error);
    Optional<DecisionFailure> existing = tx.decisionFailures().find(event.id());
    if (existing.isPresent()) {
      tx.decisionFailures().update(existing.get().failedAgain(policy, error));
    } else {
      tx.decisionFailures()
          .insert(new DecisionFailure(event.id(), policy, error, now, 1, false, 1));
    }
    emit(new DecisionFailed(eventId(), now, event.id(), event.referrer(), policy, error));
  }

  void recordRecovery(ReferralEvent event, DecisionFailure failure) {
    tx.decisionFailures().update(failure.resolve());
    emit(new DecisionRecovered(eventId(), now, event.id(), event.referrer(), failure.policy()));
  }

  private void apply(ReferralEvent event, Decision decision, Map<String, Integer> seen) {
    if (decision instanceof GrantReward grant) {
      grant(event, grant, seen);
    } else if (decision instanceof ScheduleFollowUp schedule) {
      schedule(event, schedule, seen);
    } else if (decision instanceof CancelFollowUps cancel) {
      cancel(event, cancel);
    }
  }

  /** {@code event.lead()}, the same instance for every decision on {@code event}. */
  private Optional<LeadId> leadIdOf(ReferralEvent event) {
    memo(event);
    return memoLead;
  }

  /** The order of {@code event}, the same instance for every decision on it. */
  private Optional<OrderId> orderIdOf(ReferralEvent event) {
    memo(event);
    return memoOrder;
  }

  private void memo(ReferralEvent event) {
    if (memoEvent != event) {
      memoLead = event.lead();
      memoOrder = orderOf(event);
      memoEvent = event;
    }
  }

  /** {@code Optional.of(now)}, one instance per unit. */
  private Optional<Instant> nowOptional() {
    Optional<Instant> optional = nowOptional;
    if (optional == null) {
      optional = Optional.of(now);
      nowOptional = optional;
    }
    return optional;
  }

  // Rewards

  private static Optional<OrderId> orderOf(ReferralEvent event) {
    if (event instanceof LeadConverted c) {
      return Optional.of(c.purchase().orderId());
    }
    if (event instanceof RepeatPurchase r) {
      return Optional.of(r.purchase().orderId());
    }
    return Optional.empty();
  }

  private static Optional<Money> orderAmountOf(ReferralEvent event) {
    if (event instanceof LeadConverted c) {
      return Optional.of(c.purchase().amount());
    }
    if (event instanceof RepeatPurchase r) {
      return Optional.of(r.purchase().amount());
    }
    return Optional.empty();
  }

  private void grant(ReferralEvent event, GrantReward grant, Map<String, Integer> seen) {
    ReferrerId referrerId =
        event
            .referrer()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "event " + event.type() + " has no referrer to reward"));
    Optional<LeadId> leadId = leadIdOf(event);
    if (grant.beneficiary() == Beneficiary.PROSPECT && leadId.isEmpty()) {
      throw new IllegalArgumentException(
          "event " + event.type() + " has no lead whose prospect could be rewarded");
    }
    Optional<Money> value = grant.incentive().value(orderAmountOf(event));
    String baseKey = event.id().value() + "|" + grant.reason() + "|" + grant.beneficiary();
    int n = seen.merge(baseKey, 1, Integer::sum);
    String key = n == 1 ? baseKey : baseKey + "|" + n;
    if (!emittedHere(event) && tx.rewards().findByKey(key).isPresent()) {
      return;
    }
    RewardId id = RewardId.of(newId("RW"));
    Optional<LimitKind> denied = checkLimits(referrerId, grant, value);
    Optional<Instant> expiresAt = grant.expiresAfter().map(now::plus);
    if (denied.isPresent()) {
      LimitKind limit = denied.get();
      Reward reward =
          new Reward(
              id,
              key,
              referrerId,
              leadId,
              grant.beneficiary(),
              grant.incentive(),
              value,
              grant.reason(),
              RewardStatus.DENIED,
              orderIdOf(event),
              now,
              Optional.empty(),
              false,
              Optional.empty(),
              expiresAt,
              Optional.empty(),
              Optional.empty(),
              Optional.of("limit " + limit + " reached"),
              Optional.of(limit),
              1);
      insertReward(reward);
      log.debug("Reward {} for {} denied by {}", id, referrerId, limit);
      emit(
          new RewardDenied(
              eventId(),
              now,
              id,
              event.id(),
              referrerId,
              leadId,
              grant.beneficiary(),
              grant.incentive(),
              value,
              grant.reason(),
              limit));
      return;
    }
    Optional<Instant> holdUntil = grant.holdFor().filter(d -> !d.isZero()).map(now::plus);
    boolean flagged = leadId.map(this::flaggedForReview).orElse(false);
    boolean approval = grant.requiresApproval() || flagged;
    boolean issueNow = holdUntil.isEmpty() && !approval;
    RewardStatus status = issueNow ? RewardStatus.ISSUED : RewardStatus.PENDING;
    Reward reward =
        new Reward(
            id,
            key,
            referrerId,
            leadId,
            grant.beneficiary(),
            grant.incentive(),
            value,
            grant.reason(),
            status,
            orderIdOf(event),
            now,
            holdUntil,
            approval,
            Optional.empty(),
            expiresAt,
            issueNow ? nowOptional() : Optional.empty(),
            Optional.empty(),
            flagged ? Optional.of("held for review: the lead was flagged") : Optional.empty(),
            Optional.empty(),
            1);
    insertReward(reward);
    if (log.isDebugEnabled()) {
      log.debug(
          "Reward {} granted to {} of {}: {}",
          id,
          grant.beneficiary(),
          referrerId,
          grant.incentive().describe());
    }
    emit(
        new RewardGranted(
            eventId(),
            now,
            id,
            event.id(),
            referrerId,
            leadId,
            grant.beneficiary(),
            grant.incentive(),
            value,
            grant.reason(),
            status));
    if (issueNow) {
      emit(issued(reward));
    }
  }

  /** Whether a fraud check flagged lead {@code id}, so that its rewards wait for an operator. */
  boolean flaggedForReview(LeadId id) {
    return findLead(id).map(FraudScreen::isFlagged).orElse(false);
  }

  RewardIssued issued(Reward reward) {
    return new RewardIssued(
        eventId(),
        now,
        reward.id(),
        reward.referrerId(),
        reward.leadId(),
        reward.beneficiary(),
        reward.incentive(),
        reward.value());
  }

  private Optional<LimitKind> checkLimits(
      ReferrerId referrerId, GrantReward grant, Optional<Money> value) {
    ReferralLimits limits = config.limits;
    if (limits.isEmpty()) {
      return Optional.empty();
    }
    boolean referrerLimited =
        grant.beneficiary() == Beneficiary.REFERRER
            && !(grant.incentive() instanceof Incentive.ThankYouNote)
            && limits.hasReferrerLimits();
    if (referrerLimited) {
      PeriodTotals totals = tx.rewards().lockReferrerTotals(referrerId, monthStart(), yearStart());
      Optional<LimitKind> hit =
          firstHit(
              limits,
              value,
              new LimitKind[] {
                LimitKind.REFERRER_MONTHLY_COUNT, LimitKind.REFERRER_MONTHLY_AMOUNT,
                LimitKind.REFERRER_YEARLY_COUNT, LimitKind.REFERRER_YEARLY_AMOUNT,
                LimitKind.REFERRER_LIFETIME_COUNT, LimitKind.REFERRER_LIFETIME_AMOUNT
              },
              new LedgerTotals[] {
                totals.thisMonth(),
                totals.thisMonth(),
                totals.thisYear(),
                totals.thisYear(),
                totals.lifetime(),
                totals.lifetime()
              });
      if (hit.isPresent()) {
        return hit;
      }
    }
    Optional<Money> budget = limits.amount(LimitKind.PROGRAM_BUDGET);
    if (budget.isPresent() && value.isPresent()) {
      LedgerTotals spent = tx.rewards().lockProgramTotals();
      if (exceeds(budget.get(), spent, value.get())) {
        return Optional.of(LimitKind.PROGRAM_BUDGET);
      }
    }
    return Optional.empty();
  }

  private static Optional<LimitKind> firstHit(
      ReferralLimits limits, Optional<Money> value, LimitKind[] kinds, LedgerTotals[] totals) {
    for (int i = 0; i < kinds.length; i++) {
      LimitKind kind = kinds[i];
      if (kind.isCount()) {
        OptionalLong max = limits.count(kind);
        if (max.isPresent() && totals[i].count() + 1 > max.getAsLong()) {
          return Optional.of(kind);
        }
      } else {
        Optional<Money> max = limits.amount(kind);
        if (max.isPresent() && value.isPresent() && exceeds(max.get(), totals[i], value.get())) {
          return Optional.of(kind);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether granting {@code value} on top of {@code totals} passes {@code max}. */
  private static boolean exceeds(Money max, LedgerTotals totals, Money value) {
    if (!max.currency().equals(value.currency())) {
      return true; // a reward in another currency cannot be checked against this limit
    }
    return totals.amount(value.currency()).plus(value).compareTo(max) > 0;
  }

  // Follow-ups

  private void schedule(ReferralEvent event, ScheduleFollowUp decision, Map<String, Integer> seen) {
    ReferrerId referrerId =
        event
            .referrer()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "event " + event.type() + " has no referrer to follow up"));
    Referrer referrer = referrer(referrerId);
    Optional<LeadId> leadId = leadIdOf(event);
    if (decision.audience() == Audience.REFERRER) {
      if (!referrer.consentToContact() || !referrer.isActive()) {
        log.debug(
            "Not scheduling {} for referrer {}: no consent or not active",
            decision.kind(),
            referrerId);
        return;
      }
    } else {
      Lead lead =
          lead(
              leadId.orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "event " + event.type() + " has no lead to follow up")));
      if (lead.status().isTerminal()) {
        log.debug(
            "Not scheduling {} for lead {}: it is {}", decision.kind(), lead.id(), lead.status());
        return;
      }
    }
    String baseKey =
        event.id().value()
            + "|"
            + decision.kind()
            + "|"
            + decision.audience()
            + "|"
            + decision.reason();
    int n = seen.merge(baseKey, 1, Integer::sum);
    String key = n == 1 ? baseKey : baseKey + "|" + n;
    FollowUp followUp =
        new FollowUp(
            FollowUpId.of(newId("F")),
            key,
            decision.kind(),
            decision.audience(),
            referrerId,
            leadId,
            decision.channel(),
            decision.dueAt(),
            FollowUpStatus.PENDING,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            decision.reason(),
            decision.data(),
            now,
            1);
    // Deferred: the key names an event, so a second schedule of the same decision is a no-op.
    tx.followUps().insertDeferred(followUp);
    if (log.isDebugEnabled()) { // four arguments: an array each time, logged or not
      log.debug(
          "Scheduling {} {} for {} at {}",
          decision.kind(),
          followUp.id(),
          decision.audience(),
          decision.dueAt());
    }
  }

  private void cancel(ReferralEvent event, CancelFollowUps decision) {
    if (decision.scope() == CancelFollowUps.Scope.LEAD) {
      LeadId leadId =
          event
              .lead()
              .orElseThrow(
                  () -> new IllegalArgumentException("event " + event.type() + " has no lead"));
      cancel(
          sparing(event, tx.followUps().findByLead(leadId)), decision.kinds(), decision.reason());
    } else {
      ReferrerId referrerId =
          event
              .referrer()
              .orElseThrow(
                  () -> new IllegalArgumentException("event " + event.type() + " has no referrer"));
      cancel(
          sparing(event, tx.followUps().findByReferrer(referrerId)),
          decision.kinds(),
          decision.reason());
    }
  }

  /**
   * The follow-ups not scheduled by {@code event} itself: a policy that cancels and reschedules
   * (say, one pending ask at a time) must not cancel its own earlier schedule when the event is
   * decided on again after a failure.
   */
  private static List<FollowUp> sparing(ReferralEvent event, List<FollowUp> followUps) {
    String prefix = event.id().value() + "|";
    List<FollowUp> others = new ArrayList<>(followUps.size());
    for (FollowUp f : followUps) {
      if (!f.key().startsWith(prefix)) {
        others.add(f);
      }
    }
    return others;
  }

  /** Records that an ask for referrals went out, for the follow-up policy's frequency checks. */
  void noteSent(FollowUpSent sent) {
    if (sent.kind().equals(FollowUpKind.ASK_FOR_REFERRALS)) {
      Referrer referrer = referrer(sent.referrerId());
      updateReferrer(referrer.withEngagement(referrer.engagement().asked(now)));
    }
  }
}
