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
import dev.referral.core.internal.StoreConflicts;
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
import dev.referral.core.spi.StoreTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
  // One transaction at a time holds the lock, so one undo log and one set of repositories serve.
  private final UndoLog undo = new UndoLog();
  private final Tx tx = new Tx();

  // Referrers and codes.
  private final Map<ReferrerId, Referrer> referrers = new HashMap<>();
  private final Map<ReferralCode, ReferrerId> codes = new HashMap<>();

  // Leads and their indexes.
  // Each lead in its stored form, packed when it can be (PackedLead): rebuilt on every read.
  private final IdTable<LeadId, StoredLead> leads = new IdTable<>(StoredLead::id, undo);
  // The leads with each identity key: a LeadId, or a List<LeadId> when there are several. The one
  // among them that holds its prospect is the key's holder.
  private final KeyTable<Object> leadsByKey = new KeyTable<>(undo);
  private final Map<ReferrerId, List<LeadId>> leadsByReferrer = new HashMap<>();
  private final TreeSet<TimeKey> openByExpiry = new TreeSet<>();
  private final Map<ReferrerId, ReferrerLedger> ledgers = new HashMap<>();

  // Orders: an OrderRecord, or the PackedLead that the order converted when the record is the one
  // the lead rebuilds (PackedLead.isConversionRecord).
  private final IdTable<OrderId, Object> orders =
      new IdTable<>(
          o -> o instanceof PackedLead lead ? lead.orderId() : ((OrderRecord) o).orderId(), undo);
  // One shared instance of each lead source seen, up to MAX_SOURCES.
  private final Map<String, String> sources = new HashMap<>();
  private static final int MAX_SOURCES = 1024;

  // Rewards and their indexes.
  private final TwoKeyTable<Reward> rewards = new TwoKeyTable<>(Reward::id);
  private final Map<OrderId, Links> rewardsByOrder = new HashMap<>();
  private final Set<RewardId> pendingRewards = new LinkedHashSet<>();
  private final TreeSet<TimeKey> issuedByExpiry = new TreeSet<>();
  private final Budget budget = new Budget();

  // Follow-ups and their indexes.
  private final TwoKeyTable<FollowUp> followUps = new TwoKeyTable<>(FollowUp::id);
  // The follow-ups by the time they become claimable, with stale entries (DueHeap).
  private final DueHeap actionable = new DueHeap();

  // The follow-ups and rewards about each lead and each referrer.
  private final Map<LeadId, Links> linksByLead = new HashMap<>();
  private final Map<ReferrerId, Links> linksByReferrer = new HashMap<>();

  // Events and failures.
  private final CompactEventLog events = new CompactEventLog();
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
    current.set(tx);
    try {
      T result = work.apply(tx);
      undo.clear();
      return result;
    } catch (RuntimeException | Error e) {
      undo.rollback();
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

  /**
   * A key in a time-ordered index: the instant's fields held flat, so that comparing two keys reads
   * no other object unless their instants are equal.
   */
  private record TimeKey(long seconds, int nanos, String id) implements Comparable<TimeKey> {
    TimeKey(Instant at, String id) {
      this(at.getEpochSecond(), at.getNano(), id);
    }

    @Override
    public int compareTo(TimeKey o) {
      return DueHeap.order(seconds, nanos, id, o.seconds, o.nanos, o.id);
    }

    /** Whether this key's instant is after {@code at}. */
    boolean isAfter(Instant at) {
      return DueHeap.isAfter(seconds, nanos, at);
    }
  }

  private @Nullable Lead lead(LeadId id) {
    StoredLead stored = leads.get(id);
    return stored == null ? null : stored.lead();
  }

  @SuppressWarnings("unchecked")
  private List<LeadId> leadsWithKey(String key) {
    Object found = leadsByKey.get(key);
    if (found == null) {
      return List.of();
    }
    return found instanceof LeadId id ? List.of(id) : (List<LeadId>) found;
  }

  /** The lead holding identity key {@code key}, if any. */
  private @Nullable LeadId holder(String key) {
    for (LeadId id : leadsWithKey(key)) {
      if (LeadRepository.holdsProspect(leads.get(id).status())) {
        return id;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private void addLeadWithKey(String key, LeadId id) {
    Object found = leadsByKey.get(key);
    if (found == null) {
      leadsByKey.put(key, id);
    } else if (found instanceof LeadId one) {
      List<LeadId> several = new ArrayList<>(2);
      several.add(one);
      several.add(id);
      leadsByKey.put(key, several);
    } else {
      undo.append((List<Object>) found, id);
    }
  }

  private <K, V> void addTo(Map<K, List<V>> index, K key, V value) {
    undo.append(index, key, value);
  }

  private ReferrerLedger ledger(ReferrerId referrerId) {
    ReferrerLedger ledger = ledgers.get(referrerId);
    if (ledger == null) {
      ledger = new ReferrerLedger();
      ledgers.put(referrerId, ledger); // an empty ledger left by a rollback counts nothing
    }
    return ledger;
  }

  private static <K, V> List<V> listOf(Map<K, List<V>> index, K key) {
    List<V> list = index.get(key);
    return list == null ? List.of() : list;
  }

  /** The transaction in progress: the repositories, writing through the store's undo log. */
  private final class Tx implements StoreTransaction {
    private final Referrers referrerRepo = new Referrers(this);
    private final Leads leadRepo = new Leads(this);
    private final Orders orderRepo = new Orders(this);
    private final Rewards rewardRepo = new Rewards(this);
    private final FollowUps followUpRepo = new FollowUps(this);
    private final Events eventLog = new Events(this);
    private final Failures failureRepo = new Failures(this);

    <K, V> void put(Map<K, V> map, K key, V value) {
      undo.put(map, key, value);
    }

    <K, V> void remove(Map<K, V> map, K key) {
      undo.remove(map, key);
    }

    <E> void add(Set<E> set, E element) {
      undo.add(set, element);
    }

    <E> void removeFrom(Set<E> set, E element) {
      undo.removeFrom(set, element);
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
      StoreConflicts.checkNext("referrer", referrer.id(), stored.version(), referrer.version());
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
      StoredLead stored = stored(lead, StoredLead.keys(identityKeys));
      if (!leads.putNew(stored)) {
        throw new DuplicateKeyException("lead id", lead.id().value());
      }
      if (LeadRepository.holdsProspect(lead.status())) {
        for (String key : identityKeys) {
          if (holder(key) != null) {
            undo.undoLast();
            throw new DuplicateKeyException("prospect identity", key);
          }
        }
      }
      for (String key : stored.keyList()) {
        addLeadWithKey(key, lead.id());
      }
      if (lead.referrerId().isPresent()) {
        addTo(leadsByReferrer, lead.referrerId().get(), lead.id());
      }
      index(null, lead);
    }

    /** {@code lead} in its stored form, with its source shared with the leads before. */
    private StoredLead stored(Lead lead, Object keys) {
      String source = sources.get(lead.source());
      if (source == null) {
        source = lead.source();
        if (sources.size() < MAX_SOURCES) {
          sources.put(source, source); // not undone: a rollback leaves a shared string behind
        }
      }
      return StoredLead.of(lead, keys, source);
    }

    private void index(@Nullable StoredLead before, Lead after) {
      if (before != null && before.status().isOpen()) {
        tx.removeFrom(openByExpiry, new TimeKey(before.expiresAt(), before.id().value()));
      }
      if (after.status().isOpen()) {
        tx.add(openByExpiry, new TimeKey(after.expiresAt(), after.id().value()));
      }
      if (after.conversion().isPresent()
          && (before == null || !before.isConverted())
          && after.referrerId().isPresent()) {
        ReferrerLedger ledger = ledger(after.referrerId().get());
        Instant at = after.conversion().get().at();
        ledger.addConversion(at);
        undo.reversible(ledger, at, true);
      }
    }

    @Override
    public void update(Lead lead) {
      Objects.requireNonNull(lead, "lead");
      StoredLead stored = leads.get(lead.id());
      if (stored == null) {
        throw new UnknownIdException("lead", lead.id());
      }
      StoreConflicts.checkNext("lead", lead.id(), stored.version(), lead.version());
      // A lead that stops holding releases its keys by its new status alone.
      if (!LeadRepository.holdsProspect(stored.status())
          && LeadRepository.holdsProspect(lead.status())) {
        for (String key : stored.keyList()) {
          LeadId holder = holder(key);
          if (holder != null && !holder.equals(lead.id())) {
            throw new DuplicateKeyException("prospect identity", key);
          }
        }
      }
      leads.replace(stored(lead, stored.keys()));
      index(stored, lead);
    }

    @Override
    public Optional<Lead> find(LeadId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(lead(id));
    }

    @Override
    public Optional<Lead> findHolding(Collection<String> identityKeys) {
      Objects.requireNonNull(identityKeys, "identityKeys");
      for (String key : identityKeys) {
        LeadId holder = holder(key);
        if (holder != null) {
          return Optional.of(leads.get(holder).lead());
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
        seen.addAll(leadsWithKey(key));
      }
      List<Lead> found = new ArrayList<>();
      for (LeadId id : seen) {
        StoredLead lead = leads.get(id);
        if (!lead.referredBefore(since)) {
          found.add(lead.lead());
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
        StoredLead lead = leads.get(id);
        if (!lead.referredBefore(since)) {
          found.add(lead.lead());
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
      StoredLead stored = leads.get(id);
      return stored == null ? Set.of() : Set.copyOf(stored.keyList());
    }

    @Override
    public List<Lead> findExpired(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      List<Lead> found = new ArrayList<>();
      for (TimeKey key : openByExpiry) {
        if (key.isAfter(now) || found.size() >= limit) {
          break;
        }
        found.add(leads.get(LeadId.of(key.id())).lead());
      }
      return found;
    }

    @Override
    public PeriodCounts conversionCounts(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      ReferrerLedger ledger = ledgers.get(referrerId);
      return ledger == null
          ? new PeriodCounts(0, 0, 0)
          : ledger.conversionCounts(monthStart, yearStart);
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
      Object stored = order;
      if (leads.get(order.leadId()) instanceof PackedLead lead && lead.isConversionRecord(order)) {
        stored = lead; // rebuilt from the lead on read
      }
      if (!orders.putNew(stored)) {
        throw new DuplicateKeyException("order id", order.orderId().value());
      }
    }

    @Override
    public void update(OrderRecord order) {
      Objects.requireNonNull(order, "order");
      OrderRecord stored = order(order.orderId());
      if (stored == null) {
        throw new UnknownIdException("order", order.orderId());
      }
      StoreConflicts.checkNext("order", order.orderId(), stored.version(), order.version());
      orders.replace(order);
    }

    private @Nullable OrderRecord order(OrderId id) {
      Object stored = orders.get(id);
      return stored instanceof PackedLead lead ? lead.conversionOrder() : (OrderRecord) stored;
    }

    @Override
    public Optional<OrderRecord> find(OrderId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(order(id));
    }
  }

  /**
   * The positions of the follow-ups and rewards about one lead, one referrer or one order, oldest
   * first: one map entry serves both, and reading them needs no look-up by id.
   */
  private static final class Links implements UndoLog.Reversible {
    private static final int[] NONE = {};
    private static final Object FOLLOW_UP = "follow-up";
    private static final Object REWARD = "reward";

    private int[] followUps = NONE;
    private int followUpCount;
    private int[] rewards = NONE;
    private int rewardCount;

    /** Adds the follow-up at {@code position}, recording it in {@code undo}. */
    void addFollowUp(int position, UndoLog undo) {
      followUps = appended(followUps, followUpCount++, position);
      undo.reversible(this, FOLLOW_UP, true);
    }

    /** Adds the reward at {@code position}, recording it in {@code undo}. */
    void addReward(int position, UndoLog undo) {
      rewards = appended(rewards, rewardCount++, position);
      undo.reversible(this, REWARD, true);
    }

    private static int[] appended(int[] list, int count, int position) {
      int[] grown = count < list.length ? list : Arrays.copyOf(list, Math.max(2, count * 2));
      grown[count] = position;
      return grown;
    }

    @Override
    public void reverse(Object change, boolean added) {
      if (change == FOLLOW_UP) {
        followUpCount--;
      } else {
        rewardCount--;
      }
    }
  }

  /** The links of {@code key} in {@code index}, added if absent (a rollback removes them). */
  private <K> Links links(Map<K, Links> index, K key) {
    Links links = index.get(key);
    if (links == null) {
      links = new Links();
      undo.put(index, key, links);
    }
    return links;
  }

  private final class Rewards implements RewardRepository {
    private final Tx tx;

    Rewards(Tx tx) {
      this.tx = tx;
    }

    @Override
    public void insert(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      int at = rewards.add(reward, reward.idempotencyKey());
      if (at < 0 && (-at & TwoKeyTable.FIRST_TAKEN) != 0) {
        throw new DuplicateKeyException("reward id", reward.id().value());
      }
      if (at < 0) {
        throw new DuplicateKeyException("reward idempotency key", reward.idempotencyKey());
      }
      undo.reversible(rewards, reward, true);
      if (reward.orderId().isPresent()) {
        links(rewardsByOrder, reward.orderId().get()).addReward(at, undo);
      }
      if (reward.leadId().isPresent()) {
        links(linksByLead, reward.leadId().get()).addReward(at, undo);
      }
      links(linksByReferrer, reward.referrerId()).addReward(at, undo);
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
        budget.add(before.value().get(), -1);
      }
      if (after.countsTowardBudget()) {
        budget.add(after.value().get(), +1);
      }
      if (before != null && before.countsTowardReferrerLimits()) {
        ReferrerLedger ledger = ledger(before.referrerId());
        ledger.removeReward(before);
        undo.reversible(ledger, before, false);
      }
      if (after.countsTowardReferrerLimits()) {
        ReferrerLedger ledger = ledger(after.referrerId());
        ledger.addReward(after);
        undo.reversible(ledger, after, true);
      }
    }

    @Override
    public void update(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      int at = rewards.findFirst(reward.id());
      if (at < 0) {
        throw new UnknownIdException("reward", reward.id());
      }
      Reward before = rewards.get(at);
      StoreConflicts.checkNext("reward", reward.id(), before.version(), reward.version());
      if (!before.idempotencyKey().equals(reward.idempotencyKey())) {
        throw new IllegalArgumentException("a reward's idempotency key cannot change");
      }
      rewards.set(at, reward, undo);
      index(before, reward);
    }

    private @Nullable Reward reward(RewardId id) {
      int at = rewards.findFirst(id);
      return at < 0 ? null : rewards.get(at);
    }

    @Override
    public Optional<Reward> find(RewardId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(reward(id));
    }

    @Override
    public Optional<Reward> findByKey(String idempotencyKey) {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      int at = rewards.findSecond(idempotencyKey);
      return at < 0 ? Optional.empty() : Optional.of(rewards.get(at));
    }

    private List<Reward> resolve(@Nullable Links links) {
      if (links == null) {
        return new ArrayList<>(0);
      }
      List<Reward> found = new ArrayList<>(links.rewardCount);
      for (int i = 0; i < links.rewardCount; i++) {
        found.add(rewards.get(links.rewards[i]));
      }
      return found;
    }

    @Override
    public List<Reward> findByOrder(OrderId orderId) {
      Objects.requireNonNull(orderId, "orderId");
      return resolve(rewardsByOrder.get(orderId));
    }

    @Override
    public List<Reward> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(linksByLead.get(leadId));
    }

    @Override
    public List<Reward> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(linksByReferrer.get(referrerId));
    }

    @Override
    public List<Reward> findReleasable(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      List<Reward> found = new ArrayList<>();
      for (RewardId id : pendingRewards) {
        if (found.size() >= limit) {
          break;
        }
        Reward reward = Objects.requireNonNull(reward(id));
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
        if (key.isAfter(now) || found.size() >= limit) {
          break;
        }
        found.add(Objects.requireNonNull(reward(RewardId.of(key.id()))));
      }
      return found;
    }

    @Override
    public PeriodTotals referrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      ReferrerLedger ledger = ledgers.get(referrerId);
      return ledger == null
          ? PeriodTotals.ZERO
          : ledger.totals(monthStart, yearStart, () -> counted(referrerId));
    }

    /** The referrer's rewards that count towards their limits, as stored. */
    private Iterator<Reward> counted(ReferrerId referrerId) {
      return findByReferrer(referrerId).stream()
          .filter(Reward::countsTowardReferrerLimits)
          .iterator();
    }

    @Override
    public PeriodTotals lockReferrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      // Every transaction holds the store's one lock, so reading is locking.
      return referrerTotals(referrerId, monthStart, yearStart);
    }

    @Override
    public LedgerTotals lockProgramTotals() {
      return budget.totals();
    }
  }

  /** The program's budget: the count and money of every reward that counts towards it. */
  private final class Budget implements UndoLog.Reversible {
    private final Map<Currency, BigDecimal> spent = new HashMap<>();
    private long count;

    void add(Money value, int sign) {
      BigDecimal previous = spent.getOrDefault(value.currency(), BigDecimal.ZERO);
      BigDecimal next = sign > 0 ? previous.add(value.amount()) : previous.subtract(value.amount());
      undo.put(spent, value.currency(), next);
      count += sign;
      undo.reversible(this, value, sign > 0);
    }

    @Override
    public void reverse(Object change, boolean added) {
      count += added ? -1 : 1;
    }

    LedgerTotals totals() {
      Map<Currency, Money> amounts = new HashMap<>();
      spent.forEach((currency, amount) -> amounts.put(currency, Money.of(amount, currency)));
      return new LedgerTotals(count, amounts);
    }
  }

  private final class FollowUps implements FollowUpRepository {
    private final Tx tx;

    FollowUps(Tx tx) {
      this.tx = tx;
    }

    /** When {@code f} becomes claimable, or null if it never does (sent, failed, cancelled). */
    private @Nullable Instant actionableAt(FollowUp f) {
      if (f.status() == FollowUpStatus.PENDING) {
        return f.dueAt();
      }
      if (f.status() == FollowUpStatus.CLAIMED) {
        return f.claimedUntil().orElse(f.dueAt());
      }
      return null;
    }

    @Override
    public boolean insert(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      int at = followUps.add(followUp, followUp.key());
      if (at < 0 && (-at & TwoKeyTable.SECOND_TAKEN) != 0) {
        return false;
      }
      if (at < 0) {
        throw new DuplicateKeyException("follow-up id", followUp.id().value());
      }
      undo.reversible(followUps, followUp, true);
      if (followUp.leadId().isPresent()) {
        links(linksByLead, followUp.leadId().get()).addFollowUp(at, undo);
      }
      links(linksByReferrer, followUp.referrerId()).addFollowUp(at, undo);
      Instant due = actionableAt(followUp);
      if (due != null) {
        // stale if the insert is taken back: nothing to record
        actionable.add(due, followUp.id().value(), at);
      }
      return true;
    }

    @Override
    public void update(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      int at = followUps.findFirst(followUp.id());
      if (at < 0) {
        throw new UnknownIdException("follow-up", followUp.id());
      }
      FollowUp previous = followUps.get(at);
      StoreConflicts.checkNext("follow-up", followUp.id(), previous.version(), followUp.version());
      followUps.set(at, followUp, undo);
      // The previous entry stays in the heap, stale: claimDue drops it when it reaches the top.
      // A new time gets an entry, which is stale if the update is taken back.
      Instant after = actionableAt(followUp);
      if (after != null && !after.equals(actionableAt(previous))) {
        actionable.add(after, followUp.id().value(), at);
      }
    }

    private @Nullable FollowUp followUp(FollowUpId id) {
      int at = followUps.findFirst(id);
      return at < 0 ? null : followUps.get(at);
    }

    @Override
    public Optional<FollowUp> find(FollowUpId id) {
      Objects.requireNonNull(id, "id");
      return Optional.ofNullable(followUp(id));
    }

    @Override
    public List<FollowUp> claimDue(Instant now, int limit, String token, Instant leaseUntil) {
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(leaseUntil, "leaseUntil");
      List<FollowUp> due = new ArrayList<>();
      Set<Integer> taken = new HashSet<>(); // an entry can be in the heap twice
      while (due.size() < limit && actionable.size() > 0 && !actionable.isTopAfter(now)) {
        int position = actionable.topPosition();
        FollowUp f = position < followUps.size() ? followUps.get(position) : null;
        Instant at =
            f == null || !f.id().value().equals(actionable.topId()) ? null : actionableAt(f);
        // A current entry is due (not after now), so its follow-up is claimable: a pending one
        // is due at that time, a claimed one's lease ended then.
        boolean current = at != null && actionable.isTopAt(at) && taken.add(position);
        actionable.poll(undo);
        if (current) {
          due.add(f);
        }
      }
      List<FollowUp> claimed = new ArrayList<>(due.size());
      for (FollowUp f : due) {
        FollowUp c = f.claim(token, leaseUntil);
        update(c);
        Instant until = actionableAt(c);
        if (until != null && until.equals(actionableAt(f))) {
          // A lease that ends at the time of the entry just taken: update added none.
          actionable.add(until, c.id().value(), followUps.findFirst(c.id()));
        }
        claimed.add(c);
      }
      return claimed;
    }

    private List<FollowUp> resolve(@Nullable Links links, boolean pendingOnly) {
      List<FollowUp> found = new ArrayList<>();
      if (links == null) {
        return found;
      }
      for (int i = 0; i < links.followUpCount; i++) {
        FollowUp f = followUps.get(links.followUps[i]);
        if (!pendingOnly || f.status() == FollowUpStatus.PENDING) {
          found.add(f);
        }
      }
      return found;
    }

    @Override
    public List<FollowUp> findPendingByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(linksByLead.get(leadId), true);
    }

    @Override
    public List<FollowUp> findPendingByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(linksByReferrer.get(referrerId), true);
    }

    @Override
    public List<FollowUp> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return resolve(linksByLead.get(leadId), false);
    }

    @Override
    public List<FollowUp> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return resolve(linksByReferrer.get(referrerId), false);
    }

    @Override
    public Map<FollowUpStatus, Long> countByStatus() {
      Map<FollowUpStatus, Long> counts = new EnumMap<>(FollowUpStatus.class);
      for (int i = 0; i < followUps.size(); i++) {
        counts.merge(followUps.get(i).status(), 1L, Long::sum);
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
      if (!events.appendIfAbsent(event)) {
        throw new DuplicateKeyException("event id", event.id().value());
      }
      undo.reversible(events, event, true);
    }

    @Override
    public Optional<ReferralEvent> find(EventId id) {
      Objects.requireNonNull(id, "id");
      return events.find(id);
    }

    @Override
    public List<ReferralEvent> between(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return events.between(from, to);
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
      StoreConflicts.checkNext(
          "decision failure", failure.eventId(), stored.version(), failure.version());
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
