package dev.referral.core.store.jdbc.internal;

import static dev.referral.core.store.jdbc.internal.SqlSession.placeholders;
import static dev.referral.core.store.jdbc.internal.SqlSession.text;
import static dev.referral.core.store.jdbc.internal.SqlSession.time;

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
import dev.referral.core.spi.ReferrerRepository;
import dev.referral.core.spi.RewardRepository;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.jdbc.internal.WriteBuffer.Group;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The repositories of one JDBC store transaction. Each value is stored whole as a JSON document,
 * next to the columns the queries use; see {@code db/referral/postgresql/V1__referral.sql}. Not
 * thread-safe: one transaction, one thread.
 */
public final class JdbcTransaction implements StoreTransaction {

  private static final String PROGRAM = "program";

  /**
   * Rows per currency that the program's counters are spread over: concurrent grants add to
   * different rows instead of waiting for each other's commit on one.
   */
  private static final int LEDGER_SHARDS = 8;

  private final SqlSession sql;
  private final WriteBuffer writes;
  private final RecordJson json;
  private final EventCodec eventCodec;
  private final StatsPeriods statsPeriods;
  private final Referrers referrers = new Referrers();
  private final Leads leads = new Leads();
  private final Orders orders = new Orders();
  private final Rewards rewards = new Rewards();
  private final FollowUps followUps = new FollowUps();
  private final Events events = new Events();
  private final Failures failures = new Failures();

  /** The row of each currency's program counters that this transaction adds to. */
  private final int ledgerShard = ThreadLocalRandom.current().nextInt(LEDGER_SHARDS);

  /** The referrer statistics read along with a lead, if any, kept up to date since. */
  private @Nullable PrefetchedStats stats;

  /**
   * Conversion counts that a lead read took from the leads because the referrer's totals row did
   * not hold them, for the referrer's next totals write to put into the row.
   */
  private ConversionTotals.@Nullable Recount recount;

  /**
   * A transaction running its SQL in {@code sql}; {@code statsPeriods} are the store's statistics
   * periods, which a conversion's lead read fetches ahead.
   */
  public JdbcTransaction(
      SqlSession sql, RecordJson json, EventCodec eventCodec, StatsPeriods statsPeriods) {
    this.sql = sql;
    this.writes = new WriteBuffer(sql);
    this.json = json;
    this.eventCodec = eventCodec;
    this.statsPeriods = statsPeriods;
  }

  /** Runs every write not yet run; called before the transaction commits. */
  public void flush() {
    writes.flushAll();
  }

  /**
   * Runs every write not yet run, then {@code epilogue} if the transaction sent anything, in the
   * same round trip on PostgreSQL.
   */
  public void flush(String epilogue) {
    writes.flushAll(epilogue);
  }

  @Override
  public ReferrerRepository referrers() {
    return referrers;
  }

  @Override
  public LeadRepository leads() {
    return leads;
  }

  @Override
  public OrderRepository orders() {
    return orders;
  }

  @Override
  public RewardRepository rewards() {
    return rewards;
  }

  @Override
  public FollowUpRepository followUps() {
    return followUps;
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public DecisionFailureRepository decisionFailures() {
    return failures;
  }

  // Shared helpers

  private static Function<SQLException, RuntimeException> duplicate(String kind, String key) {
    return e -> new DuplicateKeyException(kind, key);
  }

  private static boolean namesConstraint(SQLException e, String constraint) {
    return String.valueOf(e.getMessage())
        .toLowerCase(Locale.ROOT)
        .contains(constraint.toLowerCase(Locale.ROOT));
  }

  private <T> SqlSession.RowMapper<T> doc(Class<T> type) {
    return row -> json.read(row.getString(1), type);
  }

  private static Object[] row(Object... values) {
    return values;
  }

  // Referrers

  private final class Referrers implements ReferrerRepository {

    private SqlSession read() {
      return writes.flush(Group.REFERRERS);
    }

    /** Referrers read (along with a lead, or by code) and not written since, by id. */
    private final Map<ReferrerId, Referrer> prefetched = new HashMap<>();

    void prefetched(Referrer referrer) {
      prefetched.put(referrer.id(), referrer);
    }

    @Override
    public void insert(Referrer referrer) {
      Objects.requireNonNull(referrer, "referrer");
      prefetched.remove(referrer.id());
      String id = referrer.id().value();
      writes.write(
          Group.REFERRERS,
          "INSERT INTO {referrer} (id, version, doc) VALUES (?, ?, ?)",
          id,
          duplicate("referrer id", id),
          id,
          referrer.version(),
          json.write(referrer, Referrer.class));
      List<String> codes = new ArrayList<>();
      for (IssuedCode code : referrer.codes()) {
        codes.add(code.code().value());
      }
      insertCodes(id, codes);
    }

    private void insertCodes(String referrerId, List<String> codes) {
      for (String code : codes) {
        writes.write(
            Group.REFERRERS,
            "INSERT INTO {referrer_code} (code, referrer_id) VALUES (?, ?)",
            code,
            duplicate("referral code", code),
            code,
            referrerId);
      }
    }

    @Override
    public void update(Referrer referrer) {
      Objects.requireNonNull(referrer, "referrer");
      prefetched.remove(referrer.id());
      String id = referrer.id().value();
      writes.updateVersioned(
          "referrer",
          "id",
          "referrer",
          referrer.id(),
          referrer.version(),
          "doc = ?",
          json.write(referrer, Referrer.class));
      List<String> codes = new ArrayList<>();
      for (IssuedCode code : referrer.codes()) {
        codes.add(code.code().value());
      }
      Map<String, String> owners = new HashMap<>();
      read()
          .query(
              "SELECT code, referrer_id FROM {referrer_code} WHERE code IN ("
                  + placeholders(codes.size())
                  + ")",
              r -> owners.put(r.getString(1), r.getString(2)),
              codes.toArray());
      List<String> fresh = new ArrayList<>();
      for (String code : codes) {
        String owner = owners.get(code);
        if (owner == null) {
          fresh.add(code);
        } else if (!owner.equals(id)) {
          throw new DuplicateKeyException("referral code", code);
        }
      }
      insertCodes(id, fresh);
    }

    @Override
    public Optional<Referrer> find(ReferrerId id) {
      Objects.requireNonNull(id, "id");
      Referrer known = prefetched.get(id);
      if (known != null) {
        return Optional.of(known);
      }
      return read()
          .queryFirst("SELECT doc FROM {referrer} WHERE id = ?", doc(Referrer.class), id.value());
    }

    @Override
    public Optional<Referrer> findByCode(ReferralCode code) {
      Objects.requireNonNull(code, "code");
      Optional<Referrer> found =
          read()
              .queryFirst(
                  "SELECT r.doc FROM {referrer_code} c JOIN {referrer} r ON r.id = c.referrer_id"
                      + " WHERE c.code = ?",
                  doc(Referrer.class),
                  code.value());
      // A referral reads its referrer by code, then by id: the second read needs no round trip.
      found.ifPresent(this::prefetched);
      return found;
    }
  }

  // Leads

  /**
   * Locks the referrer's row until the transaction ends. The lock is a write that changes nothing:
   * it also makes a transaction under REPEATABLE READ or SERIALIZABLE fail (and retry) rather than
   * read on a snapshot older than the lock.
   */
  private void lockReferrer(ReferrerId referrerId, Group reading) {
    int locked =
        writes
            .flush(Group.REFERRERS)
            .update("UPDATE {referrer} SET version = version WHERE id = ?", referrerId.value());
    if (locked == 0) {
      // No referrer row to lock (a referrer kept elsewhere): lock a ledger row.
      writes.flush(reading).update(sql.dialect().lockLedgerRow(), "referrer:" + referrerId.value());
    }
  }

  private final class Leads implements LeadRepository {

    private SqlSession read() {
      return writes.flush(Group.LEADS);
    }

    private Object openUntil(Lead lead) {
      return lead.status().isOpen() ? lead.expiresAt() : SqlSession.Null.TIME;
    }

    private Object convertedAt(Lead lead) {
      return time(lead.conversion().map(c -> c.at()));
    }

    @Override
    public void insert(Lead lead, Set<String> identityKeys) {
      Objects.requireNonNull(lead, "lead");
      Objects.requireNonNull(identityKeys, "identityKeys");
      prefetched.remove(lead.id());
      conversionMoved(lead.referrerId(), Optional.empty(), lead);
      String id = lead.id().value();
      writes.write(
          Group.LEADS,
          "INSERT INTO {lead} (id, version, referrer_id, referred_at, open_until, converted_at,"
              + " doc) VALUES (?, ?, ?, ?, ?, ?, ?)",
          id,
          duplicate("lead id", id),
          id,
          lead.version(),
          text(lead.referrerId()),
          lead.referredAt(),
          openUntil(lead),
          convertedAt(lead),
          json.write(lead, Lead.class));
      seen.put(lead.id(), lead);
      Optional<Instant> convertedAt = lead.conversion().map(c -> c.at());
      if (keepsTotals() && lead.referrerId().isPresent() && convertedAt.isPresent()) {
        Object[] move =
            ConversionTotals.moveParams(
                Optional.empty(), convertedAt, recountOf(lead.referrerId().get()));
        Object[] params = new Object[move.length + 1];
        params[0] = lead.referrerId().get().value();
        System.arraycopy(move, 0, params, 1, move.length);
        writes.write(Group.LEADS, ConversionTotals.MOVE, id, null, params);
      }
      if (identityKeys.isEmpty()) {
        return;
      }
      if (LeadRepository.holdsProspect(lead.status())) {
        for (String key : identityKeys) {
          writes.write(
              Group.LEADS,
              "INSERT INTO {lead_holder} (identity_key, lead_id) VALUES (?, ?)",
              key,
              duplicate("prospect identity", key),
              key,
              id);
        }
      }
      for (String key : identityKeys) {
        writes.write(
            Group.LEADS,
            "INSERT INTO {lead_identity} (lead_id, identity_key) VALUES (?, ?)",
            id,
            duplicate("lead id", id),
            id,
            key);
      }
    }

    @Override
    public void update(Lead lead) {
      Objects.requireNonNull(lead, "lead");
      Lead before = prefetched.remove(lead.id());
      if (before == null) {
        forgetStats(lead.referrerId());
      } else if (!before.referrerId().equals(lead.referrerId())) {
        forgetStats(before.referrerId());
        forgetStats(lead.referrerId());
      } else {
        conversionMoved(lead.referrerId(), before.conversion().map(c -> c.at()), lead);
      }
      Object[] set = {openUntil(lead), convertedAt(lead), json.write(lead, Lead.class)};
      Lead stored = seen.put(lead.id(), lead);
      if (before != null) {
        stored = before;
      }
      if (stored != null && stored.version() != lead.version() - 1) {
        stored = null; // the update fails: the stored lead is another
      }
      Optional<Instant> was = stored == null ? Optional.empty() : conversionAt(stored);
      Optional<Instant> now = conversionAt(lead);
      if (!keepsTotals()
          || (stored != null
              && stored.referrerId().equals(lead.referrerId())
              && (lead.referrerId().isEmpty() || was.equals(now)))) {
        writes.updateVersioned("lead", "id", "lead", lead.id(), lead.version(), LEAD_COLUMNS, set);
      } else if (stored != null && stored.referrerId().equals(lead.referrerId())) {
        writes.updateVersionedThen(
            "lead",
            "id",
            "lead",
            lead.id(),
            lead.version(),
            LEAD_COLUMNS,
            set,
            "referrer_id",
            ConversionTotals.MOVE_FROM_UPDATE,
            ConversionTotals.moveParams(was, now, recountOf(lead.referrerId().get())));
      } else {
        // Unknown before, or another referrer: both referrers' rows are counted again.
        lead.referrerId().ifPresent(this::recountOf);
        if (stored != null) {
          stored.referrerId().ifPresent(this::recountOf);
        }
        String id = lead.id().value();
        writes.write(Group.LEADS, ConversionTotals.RECOUNT, id, null, id, text(lead.referrerId()));
        writes.updateVersioned("lead", "id", "lead", lead.id(), lead.version(), LEAD_COLUMNS, set);
      }
      // Leads leave the holding states (open, converted) only for final states, never back.
      if (!LeadRepository.holdsProspect(lead.status())) {
        String id = lead.id().value();
        writes.write(Group.LEADS, "DELETE FROM {lead_holder} WHERE lead_id = ?", id, null, id);
      }
    }

    private static final String LEAD_COLUMNS = "open_until = ?, converted_at = ?, doc = ?";

    private Optional<Instant> conversionAt(Lead lead) {
      return lead.conversion().map(c -> c.at());
    }

    /** Whether conversion counts are kept in a table: on PostgreSQL. */
    private boolean keepsTotals() {
      return sql.dialect() == Dialect.POSTGRESQL;
    }

    /**
     * The counts read for {@code referrer}'s totals row, if any, for its next write, which is this
     * one: a later write finds the row changed since the read.
     */
    private ConversionTotals.@Nullable Recount recountOf(ReferrerId referrer) {
      ConversionTotals.Recount known = recount;
      if (known != null && known.referrerId().equals(referrer)) {
        recount = null;
        return known;
      }
      return null;
    }

    /** Keeps prefetched statistics up to date with a lead write: its conversion time changes. */
    private void conversionMoved(
        Optional<ReferrerId> referrer, Optional<Instant> before, Lead lead) {
      PrefetchedStats known = stats;
      if (known != null && referrer.isPresent() && known.referrerId.equals(referrer.get())) {
        known.conversionMoved(before, lead.conversion().map(c -> c.at()));
      }
    }

    /**
     * The text of a lead read by its shape (bits: with a first query, conversion counts, reward
     * totals, the totals table), with the first query it was built for: the same string each time.
     */
    private static final AtomicReferenceArray<String[]> LEAD_READS = new AtomicReferenceArray<>(16);

    /** Leads read (with what is kept below) and not written since, by id. */
    private final Map<LeadId, Lead> prefetched = new HashMap<>();

    /** The stored state of each lead this transaction read or wrote, by id: a write's before. */
    private final Map<LeadId, Lead> seen = new HashMap<>();

    private final SqlSession.RowMapper<Lead> leadDoc =
        row -> {
          Lead lead = json.read(row.getString(1), Lead.class);
          seen.put(lead.id(), lead);
          return lead;
        };

    @Override
    public Optional<Lead> find(LeadId id) {
      Objects.requireNonNull(id, "id");
      Lead known = prefetched.get(id);
      if (known == null) {
        readLead(id, null, null);
        known = prefetched.get(id);
      }
      return Optional.ofNullable(known);
    }

    /**
     * Reads lead {@code id} with what a command on it reads next, in one round trip: its follow-ups
     * (cancelled when it moves) and its referrer (the policy's context), and keeps them for the
     * transaction. The docs that {@code first} (a query with the one parameter {@code firstParam},
     * selecting {@code 0, doc, 0}) finds are read in the same round trip and returned.
     */
    List<String> readLead(LeadId id, @Nullable String first, @Nullable Object firstParam) {
      writes.flush(Group.REFERRERS);
      writes.flush(Group.FOLLOW_UPS);
      writes.flush(Group.ORDERS);
      String lead = id.value();
      List<Object> params = new ArrayList<>();
      StatsPeriods.Starts starts = first != null ? statsPeriods.last() : null;
      boolean withConversions = starts != null && statsPeriods.conversions();
      boolean withRewards = starts != null && statsPeriods.rewards();
      boolean withTotals = withConversions && keepsTotals();
      if (withTotals) {
        // the totals row goes first, in a common table expression
        params.addAll(List.of(starts.monthStart(), starts.yearStart(), lead));
      }
      if (first != null) {
        params.add(firstParam);
      }
      params.addAll(List.of(lead, lead, lead));
      if (withConversions) {
        params.addAll(List.of(starts.monthStart(), starts.yearStart(), lead));
      }
      if (withRewards) {
        writes.flush(Group.REWARDS);
        params.addAll(
            List.of(
                starts.monthStart(),
                starts.monthStart(),
                starts.yearStart(),
                starts.yearStart(),
                lead));
      }
      int shape =
          (first != null ? 1 : 0)
              | (withConversions ? 2 : 0)
              | (withRewards ? 4 : 0)
              | (withTotals ? 8 : 0);
      String[] known = LEAD_READS.get(shape);
      if (known == null || !Objects.equals(known[0], first)) {
        String text =
            (withTotals ? ConversionTotals.ROW : "")
                + (first != null ? first + " UNION ALL " : "")
                + "SELECT 1 AS part, doc, 0 AS seq FROM {lead} WHERE id = ?"
                + " UNION ALL SELECT 2, doc, seq FROM {follow_up} WHERE lead_id = ?"
                + " UNION ALL SELECT 3, doc, 0 FROM {referrer}"
                + " WHERE id = (SELECT referrer_id FROM {lead} WHERE id = ?)"
                + (withTotals
                    ? ConversionTotals.READ
                    : withConversions ? CONVERSIONS_OF_LEADS_REFERRER : "")
                + (withRewards ? REWARDS_OF_LEADS_REFERRER : "")
                + " ORDER BY part, seq";
        known = new String[] {first, text};
        LEAD_READS.set(shape, known);
      }
      List<String[]> rows =
          read()
              .query(
                  known[1],
                  // the part as a number: a binary integer read as text costs the driver a new
                  // calendar per result
                  row -> new String[] {PARTS[row.getInt(1)], row.getString(2)},
                  params.toArray());
      List<String> firstDocs = new ArrayList<>();
      String doc = null;
      List<FollowUp> leadFollowUps = new ArrayList<>();
      List<String> statsRows = new ArrayList<>();
      for (String[] row : rows) {
        switch (row[0]) {
          case "0" -> firstDocs.add(row[1]);
          case "1" -> doc = row[1];
          case "2" -> leadFollowUps.add(json.read(row[1], FollowUp.class));
          case "3" -> referrers.prefetched(json.read(row[1], Referrer.class));
          default -> statsRows.add(row[0] + row[1]);
        }
      }
      if (doc != null) {
        Lead found = json.read(doc, Lead.class);
        prefetched.put(id, found);
        seen.put(id, found);
        followUps.prefetched(id, leadFollowUps);
        if ((withConversions || withRewards) && found.referrerId().isPresent()) {
          PrefetchedStats read =
              new PrefetchedStats(found.referrerId().get(), starts, withConversions, withRewards);
          recount = null;
          for (String row : statsRows) {
            if (row.startsWith("4")) {
              read.readConversions(row.substring(1));
            } else if (row.startsWith("6")) {
              read.readConversions(row.substring(1));
              recount =
                  ConversionTotals.Recount.of(
                      found.referrerId().get(), Objects.requireNonNull(starts), row.substring(1));
            } else {
              read.readRewards(row.substring(1));
            }
          }
          stats = read;
        }
      }
      return firstDocs;
    }

    @Override
    public Optional<Lead> findHolding(Collection<String> identityKeys) {
      Objects.requireNonNull(identityKeys, "identityKeys");
      if (identityKeys.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> docs = new HashMap<>();
      read()
          .query(
              "SELECT h.identity_key, l.doc FROM {lead_holder} h JOIN {lead} l ON l.id = h.lead_id"
                  + " WHERE h.identity_key IN ("
                  + placeholders(identityKeys.size())
                  + ")",
              r -> docs.put(r.getString(1), r.getString(2)),
              identityKeys.toArray());
      for (String key : identityKeys) {
        String doc = docs.get(key);
        if (doc != null) {
          Lead lead = json.read(doc, Lead.class);
          seen.put(lead.id(), lead);
          return Optional.of(lead);
        }
      }
      return Optional.empty();
    }

    @Override
    public List<Lead> findByIdentity(Collection<String> identityKeys, Instant since) {
      Objects.requireNonNull(identityKeys, "identityKeys");
      Objects.requireNonNull(since, "since");
      if (identityKeys.isEmpty()) {
        return List.of();
      }
      List<Object> params = new ArrayList<>(identityKeys);
      params.add(since);
      return read()
          .query(
              "SELECT l.doc FROM {lead} l WHERE l.id IN (SELECT i.lead_id FROM {lead_identity} i"
                  + " WHERE i.identity_key IN ("
                  + placeholders(identityKeys.size())
                  + "))"
                  + " AND l.referred_at >= ? ORDER BY l.referred_at, l.id",
              leadDoc,
              params.toArray());
    }

    @Override
    public List<Lead> findByReferrer(ReferrerId referrerId, Instant since) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(since, "since");
      return read()
          .query(
              "SELECT doc FROM {lead} WHERE referrer_id = ? AND referred_at >= ?"
                  + " ORDER BY referred_at, id",
              leadDoc,
              referrerId.value(),
              since);
    }

    @Override
    public List<Lead> lockAndFindByReferrer(ReferrerId referrerId, Instant since) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(since, "since");
      lockReferrer(referrerId, Group.LEADS);
      return findByReferrer(referrerId, since);
    }

    @Override
    public Set<String> identityKeys(LeadId id) {
      Objects.requireNonNull(id, "id");
      return Set.copyOf(
          read()
              .query(
                  "SELECT identity_key FROM {lead_identity} WHERE lead_id = ?",
                  r -> r.getString(1),
                  id.value()));
    }

    @Override
    public List<Lead> findExpired(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      return read()
          .query(
              "SELECT doc FROM {lead} WHERE open_until <= ? ORDER BY open_until, id LIMIT ?",
              leadDoc,
              now,
              limit);
    }

    @Override
    public PeriodCounts conversionCounts(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      statsPeriods.askedFor(monthStart, yearStart, false);
      PrefetchedStats known = stats;
      if (known != null && known.hasConversions(referrerId, monthStart, yearStart)) {
        return known.conversions();
      }
      return read()
          .queryFirst(
              "SELECT COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1 ELSE 0 END), 0),"
                  + " COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1 ELSE 0 END), 0), COUNT(*)"
                  + " FROM {lead} WHERE referrer_id = ? AND converted_at IS NOT NULL",
              r -> new PeriodCounts(r.getLong(1), r.getLong(2), r.getLong(3)),
              monthStart,
              yearStart,
              referrerId.value())
          .orElse(new PeriodCounts(0, 0, 0));
    }
  }

  // Orders

  private final class Orders implements OrderRepository {

    private SqlSession read() {
      return writes.flush(Group.ORDERS);
    }

    @Override
    public void insert(OrderRecord order) {
      Objects.requireNonNull(order, "order");
      String id = order.orderId().value();
      writes.write(
          Group.ORDERS,
          "INSERT INTO {order_record} (id, version, lead_id, doc) VALUES (?, ?, ?, ?)",
          id,
          duplicate("order id", id),
          id,
          order.version(),
          order.leadId().value(),
          json.write(order, OrderRecord.class));
    }

    @Override
    public void update(OrderRecord order) {
      Objects.requireNonNull(order, "order");
      writes.updateVersioned(
          "order_record",
          "id",
          "order",
          order.orderId(),
          order.version(),
          "doc = ?",
          json.write(order, OrderRecord.class));
    }

    @Override
    public Optional<OrderRecord> find(OrderId id) {
      Objects.requireNonNull(id, "id");
      return read()
          .queryFirst(
              "SELECT doc FROM {order_record} WHERE id = ?", doc(OrderRecord.class), id.value());
    }

    @Override
    public Optional<OrderRecord> findWithLead(OrderId id, LeadId leadId) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(leadId, "leadId");
      List<String> docs =
          leads.readLead(
              leadId,
              "SELECT 0 AS part, doc, 0 AS seq FROM {order_record} WHERE id = ?",
              id.value());
      return docs.stream().findFirst().map(doc -> json.read(doc, OrderRecord.class));
    }
  }

  // Rewards

  private final class Rewards implements RewardRepository {

    private SqlSession read() {
      return writes.flush(Group.REWARDS);
    }

    private static final String COLUMNS =
        "referrer_id = ?, lead_id = ?, order_id = ?, granted_at = ?, pending_since = ?,"
            + " hold_until = ?, awaiting_approval = ?, issued_until = ?, counts_for_referrer = ?,"
            + " value_amount = ?, value_currency = ?, budget_amount = ?, budget_currency = ?,"
            + " doc = ?";

    private Object[] columns(Reward w) {
      Optional<Money> budget = budget(w);
      return row(
          w.referrerId().value(),
          text(w.leadId()),
          text(w.orderId()),
          w.grantedAt(),
          w.status() == RewardStatus.PENDING ? w.grantedAt() : SqlSession.Null.TIME,
          time(w.holdUntil()),
          w.approvalRequired() && w.approvedAt().isEmpty(),
          w.status() == RewardStatus.ISSUED ? time(w.expiresAt()) : SqlSession.Null.TIME,
          w.countsTowardReferrerLimits(),
          SqlSession.number(w.value().map(Money::amount)),
          text(w.value().map(v -> v.currency().getCurrencyCode())),
          SqlSession.number(budget.map(Money::amount)),
          text(budget.map(v -> v.currency().getCurrencyCode())),
          json.write(w, Reward.class));
    }

    private Optional<Money> budget(Reward w) {
      return w.countsTowardBudget() ? w.value() : Optional.empty();
    }

    @Override
    public void insert(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      Object[] columns = columns(reward);
      Object[] params = new Object[columns.length + 3];
      params[0] = reward.id().value();
      params[1] = reward.idempotencyKey();
      params[2] = reward.version();
      System.arraycopy(columns, 0, params, 3, columns.length);
      PrefetchedStats known = stats;
      if (known != null
          && known.referrerId.equals(reward.referrerId())
          && reward.countsTowardReferrerLimits()) {
        known.rewardGranted(reward.grantedAt(), reward.value());
      }
      writes.write(
          Group.REWARDS,
          "INSERT INTO {reward} (id, idempotency_key, version, referrer_id, lead_id, order_id,"
              + " granted_at, pending_since, hold_until, awaiting_approval, issued_until,"
              + " counts_for_referrer, value_amount, value_currency, budget_amount,"
              + " budget_currency, doc) VALUES ("
              + placeholders(params.length)
              + ")",
          reward.idempotencyKey(),
          e ->
              namesConstraint(e, sqlConstraint("reward_key_uq"))
                  ? new DuplicateKeyException("reward idempotency key", reward.idempotencyKey())
                  : new DuplicateKeyException("reward id", reward.id().value()),
          params);
      changeBudget(Optional.empty(), budget(reward));
    }

    @Override
    public void update(Reward reward) {
      Objects.requireNonNull(reward, "reward");
      forgetStats(Optional.of(reward.referrerId()));
      String id = reward.id().value();
      record Stored(long version, String key, Optional<Money> budget) {}
      Stored stored =
          read()
              .queryFirst(
                  "SELECT version, idempotency_key, budget_amount, budget_currency FROM {reward}"
                      + " WHERE id = ? FOR UPDATE",
                  r ->
                      new Stored(
                          r.getLong(1),
                          r.getString(2),
                          r.getString(4) == null
                              ? Optional.empty()
                              : Optional.of(
                                  Money.of(
                                      r.getBigDecimal(3), Currency.getInstance(r.getString(4))))),
                  id)
              .orElseThrow(() -> new UnknownIdException("reward", reward.id()));
      StoreConflicts.checkNext("reward", reward.id(), stored.version(), reward.version());
      if (!stored.key().equals(reward.idempotencyKey())) {
        throw new IllegalArgumentException("a reward's idempotency key cannot change");
      }
      Object[] columns = columns(reward);
      Object[] params = new Object[columns.length + 2];
      params[0] = reward.version();
      System.arraycopy(columns, 0, params, 1, columns.length);
      params[columns.length + 1] = id;
      writes.write(
          Group.REWARDS,
          "UPDATE {reward} SET version = ?, " + COLUMNS + " WHERE id = ?",
          id,
          null,
          params);
      changeBudget(stored.budget(), budget(reward));
    }

    /**
     * Moves the program ledger from {@code before} to {@code after}: the row of each currency
     * counts the rewards and sums their value. The budget check locks the 'program' row first.
     */
    private void changeBudget(Optional<Money> before, Optional<Money> after) {
      if (before.equals(after)) {
        return;
      }
      before.ifPresent(m -> addToLedger(m.currency(), -1, m.amount().negate()));
      after.ifPresent(m -> addToLedger(m.currency(), 1, m.amount()));
    }

    private void addToLedger(Currency currency, long count, BigDecimal amount) {
      writes.addToLedger(
          sql.dialect().addToLedger(),
          PROGRAM + ":" + currency.getCurrencyCode() + ":" + ledgerShard,
          count,
          amount);
    }

    @Override
    public Optional<Reward> find(RewardId id) {
      Objects.requireNonNull(id, "id");
      return read()
          .queryFirst("SELECT doc FROM {reward} WHERE id = ?", doc(Reward.class), id.value());
    }

    @Override
    public Optional<Reward> findByKey(String idempotencyKey) {
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return read()
          .queryFirst(
              "SELECT doc FROM {reward} WHERE idempotency_key = ?",
              doc(Reward.class),
              idempotencyKey);
    }

    @Override
    public List<Reward> findByOrder(OrderId orderId) {
      Objects.requireNonNull(orderId, "orderId");
      return read()
          .query(
              "SELECT doc FROM {reward} WHERE order_id = ? ORDER BY seq",
              doc(Reward.class),
              orderId.value());
    }

    @Override
    public List<Reward> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return read()
          .query(
              "SELECT doc FROM {reward} WHERE lead_id = ? ORDER BY seq",
              doc(Reward.class),
              leadId.value());
    }

    @Override
    public List<Reward> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return read()
          .query(
              "SELECT doc FROM {reward} WHERE referrer_id = ? ORDER BY seq",
              doc(Reward.class),
              referrerId.value());
    }

    @Override
    public List<Reward> findReleasable(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      return read()
          .query(
              "SELECT doc FROM {reward} WHERE pending_since IS NOT NULL"
                  + " AND (hold_until IS NULL OR hold_until <= ?) AND awaiting_approval = FALSE"
                  + " ORDER BY pending_since, seq LIMIT ?",
              doc(Reward.class),
              now,
              limit);
    }

    @Override
    public List<Reward> findExpiring(Instant now, int limit) {
      Objects.requireNonNull(now, "now");
      return read()
          .query(
              "SELECT doc FROM {reward} WHERE issued_until <= ? ORDER BY issued_until, id LIMIT ?",
              doc(Reward.class),
              now,
              limit);
    }

    @Override
    public PeriodTotals referrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      Objects.requireNonNull(monthStart, "monthStart");
      Objects.requireNonNull(yearStart, "yearStart");
      statsPeriods.askedFor(monthStart, yearStart, true);
      PrefetchedStats known = stats;
      if (known != null && known.hasRewards(referrerId, monthStart, yearStart)) {
        return known.rewards();
      }
      return queryReferrerTotals(referrerId, monthStart, yearStart);
    }

    private PeriodTotals queryReferrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      TotalsAccumulator month = new TotalsAccumulator();
      TotalsAccumulator year = new TotalsAccumulator();
      TotalsAccumulator lifetime = new TotalsAccumulator();
      read()
          .query(
              "SELECT value_currency,"
                  + " SUM(CASE WHEN granted_at >= ? THEN 1 ELSE 0 END),"
                  + " SUM(CASE WHEN granted_at >= ? THEN value_amount ELSE 0 END),"
                  + " SUM(CASE WHEN granted_at >= ? THEN 1 ELSE 0 END),"
                  + " SUM(CASE WHEN granted_at >= ? THEN value_amount ELSE 0 END),"
                  + " COUNT(*), SUM(value_amount)"
                  + " FROM {reward} WHERE referrer_id = ? AND counts_for_referrer = TRUE"
                  + " GROUP BY value_currency",
              r -> {
                String currency = r.getString(1);
                PrefetchedStats.add(month, currency, r.getLong(2), r.getBigDecimal(3));
                PrefetchedStats.add(year, currency, r.getLong(4), r.getBigDecimal(5));
                PrefetchedStats.add(lifetime, currency, r.getLong(6), r.getBigDecimal(7));
                return null;
              },
              monthStart,
              monthStart,
              yearStart,
              yearStart,
              referrerId.value());
      return new PeriodTotals(month.toTotals(), year.toTotals(), lifetime.toTotals());
    }

    @Override
    public PeriodTotals lockReferrerTotals(
        ReferrerId referrerId, Instant monthStart, Instant yearStart) {
      Objects.requireNonNull(referrerId, "referrerId");
      lockReferrer(referrerId, Group.REWARDS);
      // Read after the lock, never from a prefetch: this total decides a limit.
      return queryReferrerTotals(referrerId, monthStart, yearStart);
    }

    @Override
    public LedgerTotals lockProgramTotals() {
      // Lock first, then read in a new statement: under READ COMMITTED that statement sees every
      // change committed by the transactions the lock waited for. The lock is a write that changes
      // nothing, so that under stricter isolation a lock taken after a concurrent grant fails (and
      // the command is retried) instead of reading an older snapshot.
      int locked = read().update("UPDATE {ledger} SET cnt = cnt WHERE name = ?", PROGRAM);
      if (locked == 0) {
        read().update(sql.dialect().lockLedgerRow(), PROGRAM);
      }
      writes.flush(Group.LEDGER);
      long[] count = {0};
      Map<Currency, Money> amounts = new HashMap<>();
      read()
          .query(
              "SELECT name, cnt, amount FROM {ledger} WHERE name > ? AND name < ?",
              r -> {
                Currency currency =
                    Currency.getInstance(
                        r.getString(1).substring(PROGRAM.length() + 1, PROGRAM.length() + 4));
                count[0] += r.getLong(2);
                return amounts.merge(currency, Money.of(r.getBigDecimal(3), currency), Money::plus);
              },
              PROGRAM + ":",
              PROGRAM + ";");
      return new LedgerTotals(count[0], amounts);
    }
  }

  /** The constraint name {@code name} carries in the database, with the configured prefix. */
  private String sqlConstraint(String name) {
    return sql.templates().prefix() + name;
  }

  /** Drops the prefetched statistics of {@code referrer}: a write changed them unseen. */
  private void forgetStats(Optional<ReferrerId> referrer) {
    PrefetchedStats known = stats;
    if (known != null && (referrer.isEmpty() || known.referrerId.equals(referrer.get()))) {
      stats = null;
    }
  }

  /** The parts of the lead read (its first column), as text. */
  private static final String[] PARTS = {"0", "1", "2", "3", "4", "5", "6"};

  /**
   * The conversion counts of the referrer of a lead, appended to a conversion's lead read: part 4
   * is {@code "month,year,lifetime"}. Parameters: month start, year start, lead id.
   */
  private static final String CONVERSIONS_OF_LEADS_REFERRER =
      " UNION ALL SELECT 4, CAST(COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1 ELSE 0 END), 0)"
          + " AS VARCHAR(20)) || ',' || CAST(COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1"
          + " ELSE 0 END), 0) AS VARCHAR(20)) || ',' || CAST(COUNT(*) AS VARCHAR(20)), 0"
          + " FROM {lead} WHERE referrer_id = (SELECT referrer_id FROM {lead} WHERE id = ?)"
          + " AND converted_at IS NOT NULL";

  /**
   * The reward totals of the referrer of a lead, appended to a conversion's lead read: part 5 has
   * one row per currency (empty: rewards without value) with {@code
   * "currency,monthCount,monthAmount,yearCount,yearAmount,count,amount"}. Parameters: month start
   * twice, year start twice, lead id.
   */
  private static final String REWARDS_OF_LEADS_REFERRER =
      " UNION ALL SELECT 5, COALESCE(value_currency, '') || ','"
          + " || CAST(SUM(CASE WHEN granted_at >= ? THEN 1 ELSE 0 END) AS VARCHAR(20)) || ','"
          + " || CAST(COALESCE(SUM(CASE WHEN granted_at >= ? THEN value_amount ELSE 0 END), 0)"
          + " AS VARCHAR(40)) || ','"
          + " || CAST(SUM(CASE WHEN granted_at >= ? THEN 1 ELSE 0 END) AS VARCHAR(20)) || ','"
          + " || CAST(COALESCE(SUM(CASE WHEN granted_at >= ? THEN value_amount ELSE 0 END), 0)"
          + " AS VARCHAR(40)) || ',' || CAST(COUNT(*) AS VARCHAR(20)) || ','"
          + " || CAST(COALESCE(SUM(value_amount), 0) AS VARCHAR(40)), 0"
          + " FROM {reward} WHERE referrer_id = (SELECT referrer_id FROM {lead} WHERE id = ?)"
          + " AND counts_for_referrer = TRUE GROUP BY value_currency";

  // Follow-ups

  private final class FollowUps implements FollowUpRepository {

    private SqlSession read() {
      return writes.flush(Group.FOLLOW_UPS);
    }

    /** The follow-ups of a lead, as read along with the lead; forgotten on any follow-up write. */
    private final Map<LeadId, List<FollowUp>> prefetched = new HashMap<>();

    void prefetched(LeadId leadId, List<FollowUp> followUps) {
      prefetched.put(leadId, List.copyOf(followUps));
    }

    private Object actionableAt(FollowUp f) {
      if (f.status() == FollowUpStatus.PENDING) {
        return f.dueAt();
      }
      if (f.status() == FollowUpStatus.CLAIMED) {
        return f.claimedUntil().orElse(f.dueAt());
      }
      return SqlSession.Null.TIME;
    }

    private Object[] insertParams(FollowUp followUp) {
      List<Object> params =
          new ArrayList<>(
              List.of(
                  followUp.id().value(),
                  followUp.key(),
                  followUp.version(),
                  followUp.referrerId().value(),
                  text(followUp.leadId()),
                  followUp.status().name(),
                  actionableAt(followUp),
                  json.write(followUp, FollowUp.class)));
      if (sql.dialect() == Dialect.H2) {
        params.add(followUp.key());
      }
      return params.toArray();
    }

    private Function<SQLException, RuntimeException> duplicateFollowUp(FollowUp followUp) {
      return e ->
          namesConstraint(e, sqlConstraint("follow_up_key_uq"))
              ? new DuplicateKeyException("follow-up key", followUp.key())
              : new DuplicateKeyException("follow-up id", followUp.id().value());
    }

    @Override
    public boolean insert(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      prefetched.clear();
      return read()
              .update(
                  sql.dialect().insertFollowUpUnlessKeyExists(),
                  duplicateFollowUp(followUp),
                  insertParams(followUp))
          == 1;
    }

    @Override
    public void insertDeferred(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      prefetched.clear();
      writes.write(
          Group.FOLLOW_UPS,
          sql.dialect().insertFollowUpUnlessKeyExists(),
          followUp.id().value(),
          duplicateFollowUp(followUp),
          insertParams(followUp));
    }

    @Override
    public void update(FollowUp followUp) {
      Objects.requireNonNull(followUp, "followUp");
      prefetched.clear();
      writes.updateVersioned(
          "follow_up",
          "id",
          "follow-up",
          followUp.id(),
          followUp.version(),
          "status = ?, actionable_at = ?, doc = ?",
          followUp.status().name(),
          actionableAt(followUp),
          json.write(followUp, FollowUp.class));
    }

    @Override
    public Optional<FollowUp> find(FollowUpId id) {
      Objects.requireNonNull(id, "id");
      return read()
          .queryFirst("SELECT doc FROM {follow_up} WHERE id = ?", doc(FollowUp.class), id.value());
    }

    @Override
    public List<FollowUp> claimDue(Instant now, int limit, String token, Instant leaseUntil) {
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(leaseUntil, "leaseUntil");
      prefetched.clear();
      // Rows another transaction is claiming are skipped, not waited for; the version check in
      // the update keeps a claim exclusive even where a database could not skip them.
      List<FollowUp> due =
          read()
              .query(
                  "SELECT doc FROM {follow_up} WHERE actionable_at <= ?"
                      + " ORDER BY actionable_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
                  doc(FollowUp.class),
                  now,
                  limit);
      List<FollowUp> claims = new ArrayList<>(due.size());
      List<Object[]> rows = new ArrayList<>(due.size());
      for (FollowUp f : due) {
        if (f.isClaimable(now)) {
          FollowUp claimed = f.claim(token, leaseUntil);
          claims.add(claimed);
          rows.add(
              row(
                  claimed.version(),
                  claimed.status().name(),
                  actionableAt(claimed),
                  json.write(claimed, FollowUp.class),
                  claimed.id().value(),
                  f.version()));
        }
      }
      int[] counts =
          read()
              .batch(
                  "UPDATE {follow_up} SET version = ?, status = ?, actionable_at = ?, doc = ?"
                      + " WHERE id = ? AND version = ?",
                  rows,
                  null);
      List<FollowUp> won = new ArrayList<>(claims.size());
      for (int i = 0; i < claims.size(); i++) {
        if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
          won.add(claims.get(i));
        }
      }
      return won;
    }

    private List<FollowUp> byColumn(String column, String value, boolean pendingOnly) {
      return read()
          .query(
              "SELECT doc FROM {follow_up} WHERE "
                  + column
                  + " = ?"
                  + (pendingOnly ? " AND status = 'PENDING'" : "")
                  + " ORDER BY seq",
              doc(FollowUp.class),
              value);
    }

    @Override
    public List<FollowUp> findPendingByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      return byColumn("lead_id", leadId.value(), true);
    }

    @Override
    public List<FollowUp> findPendingByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return byColumn("referrer_id", referrerId.value(), true);
    }

    @Override
    public List<FollowUp> findByLead(LeadId leadId) {
      Objects.requireNonNull(leadId, "leadId");
      List<FollowUp> known = prefetched.get(leadId);
      if (known != null) {
        return known;
      }
      return byColumn("lead_id", leadId.value(), false);
    }

    @Override
    public List<FollowUp> findByReferrer(ReferrerId referrerId) {
      Objects.requireNonNull(referrerId, "referrerId");
      return byColumn("referrer_id", referrerId.value(), false);
    }

    @Override
    public Map<FollowUpStatus, Long> countByStatus() {
      Map<FollowUpStatus, Long> counts = new EnumMap<>(FollowUpStatus.class);
      read()
          .query(
              "SELECT status, COUNT(*) FROM {follow_up} GROUP BY status",
              r -> counts.put(FollowUpStatus.valueOf(r.getString(1)), r.getLong(2)));
      return counts;
    }
  }

  // Events

  private final class Events implements EventLog {

    private SqlSession read() {
      return writes.flush(Group.EVENTS);
    }

    @Override
    public void append(ReferralEvent event) {
      Objects.requireNonNull(event, "event");
      writes.write(
          Group.EVENTS,
          "INSERT INTO {event} (id, occurred_at, event_type, payload) VALUES (?, ?, ?, ?)",
          event.id().value(),
          duplicate("event id", event.id().value()),
          event.id().value(),
          event.at(),
          event.type().name(),
          eventCodec.encode(event));
    }

    @Override
    public Optional<ReferralEvent> find(EventId id) {
      Objects.requireNonNull(id, "id");
      return read()
          .queryFirst(
              "SELECT payload FROM {event} WHERE id = ?",
              r -> eventCodec.decode(r.getString(1)),
              id.value());
    }

    @Override
    public List<ReferralEvent> between(Instant from, Instant to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      return read()
          .query(
              "SELECT payload FROM {event} WHERE occurred_at >= ? AND occurred_at < ? ORDER BY seq",
              r -> eventCodec.decode(r.getString(1)),
              from,
              to);
    }
  }

  // Decision failures

  private final class Failures implements DecisionFailureRepository {

    private SqlSession read() {
      return writes.flush(Group.FAILURES);
    }

    private Object unresolvedSince(DecisionFailure f) {
      return f.resolved() ? SqlSession.Null.TIME : f.firstFailedAt();
    }

    @Override
    public void insert(DecisionFailure failure) {
      Objects.requireNonNull(failure, "failure");
      String id = failure.eventId().value();
      writes.write(
          Group.FAILURES,
          "INSERT INTO {decision_failure} (event_id, version, unresolved_since, doc)"
              + " VALUES (?, ?, ?, ?)",
          id,
          duplicate("decision failure for event", id),
          id,
          failure.version(),
          unresolvedSince(failure),
          json.write(failure, DecisionFailure.class));
    }

    @Override
    public void update(DecisionFailure failure) {
      Objects.requireNonNull(failure, "failure");
      writes.updateVersioned(
          "decision_failure",
          "event_id",
          "decision failure for event",
          failure.eventId(),
          failure.version(),
          "unresolved_since = ?, doc = ?",
          unresolvedSince(failure),
          json.write(failure, DecisionFailure.class));
    }

    @Override
    public Optional<DecisionFailure> find(EventId eventId) {
      Objects.requireNonNull(eventId, "eventId");
      return read()
          .queryFirst(
              "SELECT doc FROM {decision_failure} WHERE event_id = ?",
              doc(DecisionFailure.class),
              eventId.value());
    }

    @Override
    public List<DecisionFailure> findUnresolved(int limit) {
      return read()
          .query(
              "SELECT doc FROM {decision_failure} WHERE unresolved_since IS NOT NULL"
                  + " ORDER BY unresolved_since, seq LIMIT ?",
              doc(DecisionFailure.class),
              limit);
    }
  }
}
