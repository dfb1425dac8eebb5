package dev.referral.core.store.memory;

import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.IssuedCode;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.TotalsAccumulator;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.DecisionFailureRepository;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.EventLog;
import dev.referral.core.spi.FollowUpRepository;
import dev.referral.core.spi.LeadRepository;
import dev.referral.core.spi.OrderRecord;
import dev.referral.core.spi.OrderRepository;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.PeriodTotals;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.ReferrerRepository;
import dev.referral.core.spi.RewardRepository;
import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.spi.StoreTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReferralStore} in memory. Transactions are serialised by one lock and rolled back with
 * an undo log, so a failing transaction leaves no trace. Suitable for tests, examples, and a single
 * application node; state is lost when the process ends.
 *
 * <p>This class is thread-safe.
 */
public final class InMemoryReferralStore implements ReferralStore {

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<@Nullable Tx> current = new ThreadLocal<>();

  // Referrers and codes.
  private final Map<ReferrerId, Referrer> referrers = new HashMap<>();
  private final Map<ReferralCode, ReferrerId> codes = new HashMap<>();

  // Leads and their indexes.
  private final Map<LeadId, Lead> leads = new HashMap<>();
  private final Map<LeadId, List<String>> leadKeys = new HashMap<>();
  private final Map<String, LeadId> holders = new HashMap<>();
  private final Map<String, List<LeadId>> leadsByKey = new HashMap<>();
  private final Map<ReferrerId, List<LeadId>> leadsByReferrer = new HashMap<>();
  private final TreeSet<TimeKey> openByExpiry = new TreeSet<>();
  private final Map<ReferrerId, List<Instant>> conversionsByReferrer = new HashMap<>();

  // Orders.
  private final Map<OrderId, OrderRecord> orders = new HashMap<>();

  // Rewards and their indexes.
  private final Map<RewardId, Reward> rewards = new HashMap<>();
  private final Map<String, RewardId> rewardKeys = new HashMap<>();
  private final Map<OrderId, List<RewardId>> rewardsByOrder = new HashMap<>();
  private final Map<LeadId, List<RewardId>> rewardsByLead = new HashMap<>();
  private final Map<ReferrerId, List<RewardId>> rewardsByReferrer = new HashMap<>();
  private final Set<RewardId> pendingRewards = new LinkedHashSet<>();
  private final TreeSet<TimeKey> issuedByExpiry = new TreeSet<>();
  private final Map<Currency, BigDecimal> budgetSpent = new HashMap<>();
  private long budgetCount;

  // Follow-ups and their indexes.
  private final Map<FollowUpId, FollowUp> followUps = new HashMap<>();
  private final Map<String, FollowUpId> followUpKeys = new HashMap<>();
  private final TreeSet<TimeKey> actionable = new TreeSet<>();
  private final Map<LeadId, List<FollowUpId>> followUpsByLead = new HashMap<>();
  private final Map<ReferrerId, List<FollowUpId>> followUpsByReferrer = new HashMap<>();

  // Events and failures.
  private final List<ReferralEvent> events = new ArrayList<>();
  private final Map<EventId, ReferralEvent> eventsById = new HashMap<>();
  private final Map<EventId, DecisionFailure> failures = new LinkedHashMap<>();

  /** An empty store. */
  public InMemoryReferralStore() {}

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    Tx outer = current.get();
    if (outer != null) {
      return work.apply(outer);
    }
    lock.lock();
    Tx tx = new Tx();
    current.set(tx);
    try {
      T result = work.apply(tx);
      tx.undo.clear();
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      current.remove();
      lock.unlock();
    }
  }

  /** How many leads are stored, for tests and memory measurements. */
  public int leadCount() {
    return inTransaction(tx -> leads.size());
  }

  /** How many rewards are stored, for tests and memory measurements. */
  public int rewardCount() {
    return inTransaction(tx -> rewards.size());
  }

  @Override
  public String toString() {
    return "InMemoryReferralStore";
  }

  /** A key in a time-ordered index. */
  private record TimeKey(Instant at, String id) implements Comparable<TimeKey> {
    @Override
    public int compareTo(TimeKey o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private static <K, V> void addTo(Map<K, List<V>> index, K key, V value, Tx tx) {
    List<V> list = index.computeIfAbsent(key, k -> new ArrayList<>(2));
    list.add(value);
    tx.undo.push(
        () -> {
          list.remove(list.size() - 1);
          if (list.isEmpty()) {
            index.remove(key);
          }
        });
  }

  private static <K, V> List<V> listOf(Map<K, List<V>> index, K key) {
    List<V> list = index.get(key);
    return list == null ? List.of() : list;
  }

  /** One transaction: the repositories, plus the undo log that rolls it back. */
  private final class Tx implements StoreTransaction {
    final Deque<Runnable> undo = new ArrayDeque<>();
    private final Referrers referrerRepo = new Referrers(this);
    private final Leads leadRepo = new Leads(this);
    private final Orders orderRepo = new Orders(this);
    private final Rewards rewardRepo = new Rewards(this);
    private final FollowUps followUpRepo = new FollowUps(this);
    private final Events eventLog = new Events(this);
    private final Failures failureRepo = new Failures(this);

    void rollback() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
    }

    <K, V> void put(Map<K, V> map, K key, V value) {
      V previous = map.put(key, value);
      undo.push(
          () -> {
            if (previous == null) {
              map.remove(key);
            } else {
              map.put(key, previous);
            }
          });
    }

    <K, V> void remove(Map<K, V> map, K key) {
      V previous = map.remove(key);
      if (previous != null) {
        undo.push(() -> map.put(key, previous));
      }
    }

    <E> void add(Set<E> set, E element) {
      if (set.add(element)) {
        undo.push(() -> set.remove(element));
      }
    }

    <E> void removeFrom(Set<E> set, E element) {
      if (set.remove(element)) {
        undo.push(() -> set.add(element));
      }
    }

    @Override
    public ReferrerRepository referrers() {
      return referrerRepo;
    }

    @Override
    public LeadRepository leads() {
      return leadRepo;
    }

    @Override
    public OrderRepository orders() {
      return orderRepo;
    }

    @Override
    public RewardRepository rewards() {
      return rewardRepo;
    }

    @Override
    public FollowUpRepository followUps() {
      return followUpRepo;
    }

    @Override
    public EventLog events() {
      return eventLog;
    }

    @Override
    public DecisionFailureRepository decisionFailures() {
      return failureRepo;
    }
  }

  private static void checkVersion(String kind, Object id, long stored, long next) {
    if (next != stored + 1) {
      throw new StoreConflictException(
          kind
              + " "
              + id
              + " was changed concurrently: stored version "
              + stored
              + ", update has version "
              + next);
    }
  }

  private final class Referrers implements ReferrerRepository {
    private final Tx tx;

    Referrers(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(Referrer referrer) {
      Objects.requireNonNull(referrer, "referrer");
      if (referrers.containsKey(referrer.id())) {
        throw new DuplicateKeyException("referrer id", referrer.id().value());
      }
      claimCodes(referrer);
      tx.put(referrers, referrer.id(), referrer);
    }

    private void claimCodes(Referrer referrer) {
      for (IssuedCode code : referrer.codes()) {
        ReferrerId owner = codes.get(code.code());
        if (owner != null && !owner.equals(referrer.id())) {
          throw new DuplicateKeyException("referral code", code.code().value());
        }
      }
      for (IssuedCode code : referrer.codes()) {
        if (!codes.containsKey(code.code())) {
          tx.put(codes, code.code(), referrer.id());
        }
      }
    }

    @Override
    public void update(Referrer referrer) {
      Objects.requireNonNull(referrer, "referrer");
      Referrer stored = referrers.get(referrer.id());
      if (stored == null) {
        throw new UnknownIdException("referrer", referrer.id());
      }
      checkVersion("referrer", referrer.id(), stored.version(), referrer.version());
      claimCodes(referrer);
      tx.put(referrers, referrer.id(), referrer);
    }

    @Override
    public Optional<Referrer> find(ReferrerId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(referrers.get(id));
    }

    @Override
    public Optional<Referrer> findByCode(ReferralCode code) {
      Objects.requireNonNull(code, "code");
      ReferrerId id = codes.get(code);
      return id == null ? Optional.empty() : Optional.ofNullable(referrers.get(id));
    }
  }

  private final class Leads implements LeadRepository {
    private final Tx tx;

    Leads(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(Lead lead, Set<String> identityKeys) {
      Objects.requireNonNull(lead, "lead");
      Objects.requireNonNull(identityKeys, "identityKeys");
      if (leads.containsKey(lead.id())) {
        throw new DuplicateKeyException("lead id", lead.id().value());
      }
      boolean holds = LeadRepository.holdsProspect(lead.status());
      if (holds) {
        for (String key : identityKeys) {
          if (holders.containsKey(key)) {
            throw new DuplicateKeyException("prospect identity", key);
          }
        }
      }
      List<String> keys = List.copyOf(identityKeys);
      tx.put(leads, lead.id(), lead);
      tx.put(leadKeys, lead.id(), keys);
      for (String key : keys) {
        addTo(leadsByKey, key, lead.id(), tx);
        if (holds) {
          tx.put(holders, key, lead.id());
        }
      }
      lead.referrerId().ifPresent(r -> addTo(leadsByReferrer, r, lead.id(), tx));
      index(null, lead);
    }

    private void index(@Nullable Lead before, Lead after) {
      if (before != null && before.status().isOpen()) {
        tx.removeFrom(openByExpiry, new TimeKey(before.expiresAt(), before.id().value()));
      }
      if (after.status().isOpen()) {
        tx.add(openByExpiry, new TimeKey(after.expiresAt(), after.id().value()));
      }
      if (after.conversion().isPresent()
          && (before == null || before.conversion().isEmpty())
          && after.referrerId().isPresent()) {
        addTo(conversionsByReferrer, after.referrerId().get(), after.conversion().get().at(), tx);
      }
    }

    @Override
    public void update(Lead lead) {
      Objects.requireNonNull(lead, "lead");
      Lead stored = leads.get(lead.id());
      if (stored == null) {
        throw new UnknownIdException("lead", lead.id());
      }
      checkVersion("lead", lead.id(), stored.version(), lead.version());
      boolean held = LeadRepository.holdsProspect(stored.status());
      boolean holds = LeadRepository.holdsProspect(lead.status());
      List<String> keys = leadKeys.getOrDefault(lead.id(), List.of());
      if (held && !holds) {
        for (String key : keys) {
          if (lead.id().equals(holders.get(key))) {
            tx.remove(holders, key);
          }
        }
      } else if (!held && holds) {
        for (String key : keys) {
          LeadId holder = holders.get(key);
          if (holder != null && !holder.equals(lead.id())) {
            throw new DuplicateKeyException("prospect identity", key);
          }
        }
        for (String key : keys) {
          tx.put(holders, key, lead.id());
        }
      }
      tx.put(leads, lead.id(), lead);
      index(stored, lead);
    }

    @Override
    public Optional<Lead> find(LeadId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(leads.get(id));
    }

    @Override
    public Optional<Lead> findHolding(Collection<String> identityKeys) {
      Objects.requireNonNull(identityKeys, "identityKeys");
      for (String key : identityKeys) {
        LeadId holder = holders.get(key);
        if (holder != null) {
          return Optional.of(leads.get(holder));
        }
      }
      return Optional.empty();
    }

    @Override
    public List<Lead> findByIdentity(Collection<String> identityKeys, Instant since) {
      Objects.requireNonNull(identityKeys, "identityKeys");
      Objects.requireNonNull(since, "since");
      Set<LeadId> seen = new LinkedHashSet<>();
      for (String key : identityKeys) {
        seen.addAll(listOf(leadsByKey, key));
      }
      List<Lead> found = new ArrayList<>();
      for (LeadId id : seen) {
        Lead lead = leads.get(id);
        if (!lead.referredAt().isBefore(since)) {
          found.add(lead);
        }
      }
      return found;
    }

    @Override
    public List<Lead> findByReferrer(ReferrerId referrerId, Instant since) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(since, "since");
      List<Lead> found = new ArrayList<>();
      for (LeadId id : listOf(leadsByReferrer, referrerId)) {
        Lead lead = leads.get(id);
        if (!lead.referredAt().isBefore(since)) {
          found.add(lead);
        }
      }
      return found;
    }

    @Override
    public List<Lead> lockAndFindByReferrer(ReferrerId referrerId, Instant since) {
      // every transaction of this store already runs alone
      return findByReferrer(referrerId, since);
    }

    @Override
    public Set<String> identityKeys(LeadId id) {
      Objects.requireNonNull(id, "id");
      return Set.copyOf(leadKeys.getOrDefault(id, List.of()));
    }

    @Override
    public List<Lead> findExpired(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      List<Lead> found = new ArrayList<>();
      for (TimeKey key : openByExpiry) {
        if (key.at().isAfter(now) || found.size() >= limit) {
          break;
        }
        found.add(leads.get(LeadId.of(key.id())));
      }
      return found;
    }

    @Override
    public PeriodCounts conversionCounts(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      long month = 0;
      long year = 0;
      List<Instant> conversions = listOf(conversionsByReferrer, referrerId);
      for (Instant at : conversions) {
        if (!at.isBefore(monthStart)) {
          month++;
        }
        if (!at.isBefore(yearStart)) {
          year++;
        }
      }
      return new PeriodCounts(month, year, conversions.size());
    }
  }

  private final class Orders implements OrderRepository {
    private final Tx tx;

    Orders(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(OrderRecord order) {
      Objects.requireNonNull(order, "order");
      if (orders.containsKey(order.orderId())) {
        throw new DuplicateKeyException("order id", order.orderId().value());
      }
      tx.put(orders, order.orderId(), order);
    }

    @Override
    public void update(OrderRecord order) {
      Objects.requireNonNull(order, "order");
      OrderRecord stored = orders.get(order.orderId());
      if (stored == null) {
        throw new UnknownIdException("order", order.orderId());
      }
      checkVersion("order", order.orderId(), stored.version(), order.version());
      tx.put(orders, order.orderId(), order);
    }

    @Override
    public Optional<OrderRecord> find(OrderId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(orders.get(id));
    }
  }

  private final class Rewards implements RewardRepository {
    private final Tx tx;

    Rewards(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      if (rewards.containsKey(reward.id())) {
        throw new DuplicateKeyException("reward id", reward.id().value());
      }
      if (rewardKeys.containsKey(reward.idempotencyKey())) {
        throw new DuplicateKeyException("reward idempotency key", reward.idempotencyKey());
      }
      tx.put(rewards, reward.id(), reward);
      tx.put(rewardKeys, reward.idempotencyKey(), reward.id());
      reward.orderId().ifPresent(o -> addTo(rewardsByOrder, o, reward.id(), tx));
      reward.leadId().ifPresent(l -> addTo(rewardsByLead, l, reward.id(), tx));
      addTo(rewardsByReferrer, reward.referrerId(), reward.id(), tx);
      index(null, reward);
    }

    private void index(@Nullable Reward before, Reward after) {
      if (before != null && before.status() == RewardStatus.PENDING) {
        tx.removeFrom(pendingRewards, before.id());
      }
      if (after.status() == RewardStatus.PENDING) {
        tx.add(pendingRewards, after.id());
      }
      if (before != null
          && before.status() == RewardStatus.ISSUED
          && before.expiresAt().isPresent()) {
        tx.removeFrom(issuedByExpiry, new TimeKey(before.expiresAt().get(), before.id().value()));
      }
      if (after.status() == RewardStatus.ISSUED && after.expiresAt().isPresent()) {
        tx.add(issuedByExpiry, new TimeKey(after.expiresAt().get(), after.id().value()));
      }
      if (before != null && before.countsTowardBudget()) {
        addToBudget(before.value().get(), -1);
      }
      if (after.countsTowardBudget()) {
        addToBudget(after.value().get(), +1);
      }
    }

    private void addToBudget(Money value, int sign) {
      BigDecimal previous = budgetSpent.getOrDefault(value.currency(), BigDecimal.ZERO);
      BigDecimal next = sign > 0 ? previous.add(value.amount()) : previous.subtract(value.amount());
      tx.put(budgetSpent, value.currency(), next);
      long previousCount = budgetCount;
      budgetCount += sign;
      tx.undo.push(() -> budgetCount = previousCount);
    }

    @Override
    public void update(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      Reward stored = rewards.get(reward.id());
      if (stored == null) {
        throw new UnknownIdException("reward", reward.id());
      }
      checkVersion("reward", reward.id(), stored.version(), reward.version());
      if (!stored.idempotencyKey().equals(reward.idempotencyKey())) {
        throw new IllegalArgumentException("a reward's idempotency key cannot change");
      }
      tx.put(rewards, reward.id(), reward);
      index(stored, reward);
    }

    @Override
    public Optional<Reward> find(RewardId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(rewards.get(id));
    }

    @Override
    public Optional<Reward> findByKey(String idempotencyKey) {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      RewardId id = rewardKeys.get(idempotencyKey);
      return id == null ? Optional.empty() : Optional.of(rewards.get(id));
    }

    private List<Reward> resolve(List<RewardId> ids) {
      List<Reward> found = new ArrayList<>(ids.size());
      for (RewardId id : ids) {
        found.add(rewards.get(id));
      }
      return found;
    }

    @Override
    public List<Reward> findByOrder(OrderId orderId) {
      Objects.requireNonNull(orderId, "orderId");
      return resolve(listOf(rewardsByOrder, orderId));
    }

    @Override
    public List<Reward> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(listOf(rewardsByLead, leadId));
    }

    @Override
    public List<Reward> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(listOf(rewardsByReferrer, referrerId));
    }

    @Override
    public List<Reward> findReleasable(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      List<Reward> found = new ArrayList<>();
      for (RewardId id : pendingRewards) {
        if (found.size() >= limit) {
          break;
        }
        Reward reward = rewards.get(id);
        if (reward.isReleasable(now)) {
          found.add(reward);
        }
      }
      return found;
    }

    @Override
    public List<Reward> findExpiring(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      List<Reward> found = new ArrayList<>();
      for (TimeKey key : issuedByExpiry) {
        if (key.at().isAfter(now) || found.size() >= limit) {
          break;
        }
        found.add(rewards.get(RewardId.of(key.id())));
      }
      return found;
    }

    @Override
    public PeriodTotals referrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      TotalsAccumulator month = new TotalsAccumulator();
      TotalsAccumulator year = new TotalsAccumulator();
      TotalsAccumulator lifetime = new TotalsAccumulator();
      for (RewardId id : listOf(rewardsByReferrer, referrerId)) {
        Reward reward = rewards.get(id);
        if (!reward.countsTowardReferrerLimits()) {
          continue;
        }
        add(lifetime, reward);
        if (!reward.grantedAt().isBefore(yearStart)) {
          add(year, reward);
        }
        if (!reward.grantedAt().isBefore(monthStart)) {
          add(month, reward);
        }
      }
      return new PeriodTotals(month.toTotals(), year.toTotals(), lifetime.toTotals());
    }

    @Override
    public PeriodTotals lockReferrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      // Every transaction holds the store's one lock, so reading is locking.
      return referrerTotals(referrerId, monthStart, yearStart);
    }

    @Override
    public LedgerTotals lockProgramTotals() {
      Map<Currency, Money> amounts = new HashMap<>();
      budgetSpent.forEach((currency, amount) -> amounts.put(currency, Money.of(amount, currency)));
      return new LedgerTotals(budgetCount, amounts);
    }
  }

  /** Accumulates ledger totals. */
  private static void add(TotalsAccumulator totals, Reward reward) {
    reward.value().ifPresentOrElse(v -> totals.add(1, v), () -> totals.addCount(1));
  }

  private final class FollowUps implements FollowUpRepository {
    private final Tx tx;

    FollowUps(Tx tx) {
      this.tx = tx;
    }

    private @Nullable TimeKey actionableKey(FollowUp f) {
      if (f.status() == FollowUpStatus.PENDING) {
        return new TimeKey(f.dueAt(), f.id().value());
      }
      if (f.status() == FollowUpStatus.CLAIMED) {
        return new TimeKey(f.claimedUntil().orElse(f.dueAt()), f.id().value());
      }
      return null;
    }

    @Override
    public boolean insert(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      if (followUpKeys.containsKey(followUp.key())) {
        return false;
      }
      if (followUps.containsKey(followUp.id())) {
        throw new DuplicateKeyException("follow-up id", followUp.id().value());
      }
      tx.put(followUps, followUp.id(), followUp);
      tx.put(followUpKeys, followUp.key(), followUp.id());
      followUp.leadId().ifPresent(l -> addTo(followUpsByLead, l, followUp.id(), tx));
      addTo(followUpsByReferrer, followUp.referrerId(), followUp.id(), tx);
      TimeKey key = actionableKey(followUp);
      if (key != null) {
        tx.add(actionable, key);
      }
      return true;
    }

    @Override
    public void update(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      FollowUp stored = followUps.get(followUp.id());
      if (stored == null) {
        throw new UnknownIdException("follow-up", followUp.id());
      }
      checkVersion("follow-up", followUp.id(), stored.version(), followUp.version());
      TimeKey before = actionableKey(stored);
      if (before != null) {
        tx.removeFrom(actionable, before);
      }
      tx.put(followUps, followUp.id(), followUp);
      TimeKey after = actionableKey(followUp);
      if (after != null) {
        tx.add(actionable, after);
      }
    }

    @Override
    public Optional<FollowUp> find(FollowUpId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(followUps.get(id));
    }

    @Override
    public List<FollowUp> claimDue(Instant now, int limit, String token, Instant leaseUntil) {
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(leaseUntil, "leaseUntil");
      List<FollowUp> due = new ArrayList<>();
      for (TimeKey key : actionable) {
        if (key.at().isAfter(now) || due.size() >= limit) {
          break;
        }
        FollowUp f = followUps.get(FollowUpId.of(key.id()));
        if (f.isClaimable(now)) {
          due.add(f);
        }
      }
      List<FollowUp> claimed = new ArrayList<>(due.size());
      for (FollowUp f : due) {
        FollowUp c = f.claim(token, leaseUntil);
        update(c);
        claimed.add(c);
      }
      return claimed;
    }

    private List<FollowUp> resolve(List<FollowUpId> ids, boolean pendingOnly) {
      List<FollowUp> found = new ArrayList<>();
      for (FollowUpId id : ids) {
        FollowUp f = followUps.get(id);
        if (!pendingOnly || f.status() == FollowUpStatus.PENDING) {
          found.add(f);
        }
      }
      return found;
    }

    @Override
    public List<FollowUp> findPendingByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(listOf(followUpsByLead, leadId), true);
    }

    @Override
    public List<FollowUp> findPendingByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(listOf(followUpsByReferrer, referrerId), true);
    }

    @Override
    public List<FollowUp> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(listOf(followUpsByLead, leadId), false);
    }

    @Override
    public List<FollowUp> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(listOf(followUpsByReferrer, referrerId), false);
    }

    @Override
    public Map<FollowUpStatus, Long> countByStatus() {
      Map<FollowUpStatus, Long> counts = new EnumMap<>(FollowUpStatus.class);
      for (FollowUp f : followUps.values()) {
        counts.merge(f.status(), 1L, Long::sum);
      }
      return counts;
    }
  }

  private final class Events implements EventLog {
    private final Tx tx;

    Events(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void append(ReferralEvent event) {
      Objects.requireNonNull(event, "event");
      if (eventsById.containsKey(event.id())) {
        throw new DuplicateKeyException("event id", event.id().value());
      }
      tx.put(eventsById, event.id(), event);
      events.add(event);
      tx.undo.push(() -> events.remove(events.size() - 1));
    }

    @Override
    public Optional<ReferralEvent> find(EventId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(eventsById.get(id));
    }

    @Override
    public List<ReferralEvent> between(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      List<ReferralEvent> found = new ArrayList<>();
      for (ReferralEvent e : events) {
        if (!e.at().isBefore(from) && e.at().isBefore(to)) {
          found.add(e);
        }
      }
      return found;
    }
  }

  private final class Failures implements DecisionFailureRepository {
    private final Tx tx;

    Failures(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(DecisionFailure failure) {
      Objects.requireNonNull(failure, "failure");
      if (failures.containsKey(failure.eventId())) {
        throw new DuplicateKeyException("decision failure for event", failure.eventId().value());
      }
      tx.put(failures, failure.eventId(), failure);
    }

    @Override
    public void update(DecisionFailure failure) {
      Objects.requireNonNull(failure, "failure");
      DecisionFailure stored = failures.get(failure.eventId());
      if (stored == null) {
        throw new UnknownIdException("decision failure for event", failure.eventId());
      }
      checkVersion("decision failure", failure.eventId(), stored.version(), failure.version());
      tx.put(failures, failure.eventId(), failure);
    }

    @Override
    public Optional<DecisionFailure> find(EventId eventId) {
      Objects.requireNonNull(eventId, "eventId");
      return Optional.ofNullable(failures.get(eventId));
    }

    @Override
    public List<DecisionFailure> findUnresolved(int limit) {
      List<DecisionFailure> found = new ArrayList<>();
      for (DecisionFailure f : failures.values()) {
        if (found.size() >= limit) {
          break;
        }
        if (!f.resolved()) {
          found.add(f);
        }
      }
      return found;
    }
  }
}
