package dev.referral.examples.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The floor under a conversion on PostgreSQL: the rows one conversion with the shop's rules writes
 * (as of the third round of BENCHMARKS.md), written by hand in the fewest round trips, without the
 * library. One read of the lead, its follow-ups, its referrer and the referrer's conversion counts,
 * then one text of all the writes: the lead updated, its order record, 2 rewards, its 2 open
 * follow-ups cancelled, 4 follow-ups, 5 events and a ledger row. The tables copy the store's
 * version 1 schema (columns and indexes) under their own prefix, and the documents have the shape
 * and size of the store's. What a conversion's checkout costs beyond this is the library's own
 * cost; what this costs beyond the baseline is the cost of the rows.
 */
final class HandWrittenCheckout {
  private static final Template LEAD_DOC =
      new Template(
          "{\"id\":{\"value\":\"%1$s\"},\"referrerId\":{\"value\":\"%2$s\"},\"code\":{\"value\":"
              + "\"BCY5JVSN2N\"},\"prospect\":{\"name\":\"Prospect %3$s\",\"email\":\"prospect%3$s"
              + "@example.com\",\"phone\":null,\"customerRef\":null},\"source\":\"link\",\"status\":"
              + "\"%4$s\",\"rejection\":null,\"referredAt\":\"%5$s\",\"expiresAt\":\"%5$s\","
              + "\"conversion\":%6$s,\"history\":[{\"from\":null,\"to\":\"REFERRED\",\"at\":\"%5$s\","
              + "\"note\":\"\"}%7$s],\"version\":%8$d}");
  private static final Template ORDER_DOC =
      new Template(
          "{\"orderId\":{\"value\":\"%1$s\"},\"leadId\":{\"value\":\"%2$s\"},\"amount\":{\"amount\":"
              + "\"80.00\",\"currency\":\"EUR\"},\"at\":\"%3$s\",\"kind\":\"CONVERSION\",\"refunds\":[],"
              + "\"version\":1}");
  private static final Template REWARD_DOC =
      new Template(
          "{\"id\":{\"value\":\"%1$s\"},\"idempotencyKey\":\"%2$s\",\"referrerId\":{\"value\":\"%3$s\"},"
              + "\"leadId\":{\"value\":\"%4$s\"},\"beneficiary\":\"%5$s\",\"incentive\":%6$s,"
              + "\"value\":%7$s,\"reason\":\"%8$s\",\"status\":\"ISSUED\",\"orderId\":{\"value\":"
              + "\"%9$s\"},\"grantedAt\":\"%10$s\",\"holdUntil\":null,\"approvalRequired\":false,"
              + "\"approvedAt\":null,\"expiresAt\":null,\"issuedAt\":\"%10$s\",\"closedAt\":null,"
              + "\"note\":null,\"deniedBy\":null,\"version\":1}");
  private static final Template FOLLOW_UP_DOC =
      new Template(
          "{\"id\":{\"value\":\"%1$s\"},\"key\":\"%2$s\",\"kind\":{\"name\":\"%3$s\"},\"audience\":"
              + "\"%4$s\",\"referrerId\":{\"value\":\"%5$s\"},\"leadId\":{\"value\":\"%6$s\"},"
              + "\"channel\":{\"name\":\"EMAIL\"},\"dueAt\":\"%7$s\",\"status\":\"%8$s\",\"attempts\":0,"
              + "\"claimToken\":null,\"claimedUntil\":null,\"closedAt\":%9$s,\"note\":null,\"reason\":"
              + "\"%10$s\",\"data\":{},\"createdAt\":\"%7$s\",\"version\":%11$d}");
  private static final Template EVENT_DOC =
      new Template(
          "{\"type\":\"%1$s\",\"id\":\"%2$s\",\"at\":\"%3$s\",\"rewardId\":\"%4$s\",\"referrerId\":"
              + "\"%5$s\",\"leadId\":\"%6$s\",%7$s}");
  private static final String CREDIT =
      "{\"@type\":\"FixedCredit\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}";
  private static final String DISCOUNT = "{\"@type\":\"PercentDiscount\",\"percent\":\"10\"}";
  private static final String MONEY = "{\"amount\":\"10.00\",\"currency\":\"EUR\"}";
  private static final int REFERRERS = PostgresBenchmark.REFERRERS;

  private final DataSource pool;
  private final String p;
  private final AtomicLong ids = new AtomicLong();
  private final String read;
  private final String writes;

  private HandWrittenCheckout(DataSource pool, String prefix) {
    this.pool = pool;
    this.p = prefix;
    this.read =
        "SELECT 0 AS part, doc, 0 AS seq FROM "
            + p
            + "order_record WHERE id = ? UNION ALL SELECT 1, doc, 0 FROM "
            + p
            + "lead WHERE id = ? UNION ALL SELECT 2, doc, seq FROM "
            + p
            + "follow_up WHERE lead_id = ? UNION ALL SELECT 3, doc, 0 FROM "
            + p
            + "referrer WHERE id = (SELECT referrer_id FROM "
            + p
            + "lead WHERE id = ?) UNION ALL SELECT 4, SUM(CASE WHEN converted_at >= ? THEN 1 ELSE"
            + " 0 END) || ',' || SUM(CASE WHEN converted_at >= ? THEN 1 ELSE 0 END) || ',' ||"
            + " COUNT(*), 0 FROM "
            + p
            + "lead WHERE referrer_id = (SELECT referrer_id FROM "
            + p
            + "lead WHERE id = ?) AND converted_at IS NOT NULL ORDER BY part, seq";
    this.writes =
        "UPDATE "
            + p
            + "lead SET version = version + 1, open_until = NULL, converted_at = ?, doc = ? WHERE"
            + " id = ?;\nINSERT INTO "
            + p
            + "order_record (id, version, lead_id, doc) VALUES (?, 1, ?, ?);\nINSERT INTO "
            + p
            + "reward (id, idempotency_key, version, referrer_id, lead_id, order_id, granted_at,"
            + " awaiting_approval, counts_for_referrer, value_amount, value_currency,"
            + " budget_amount, budget_currency, doc) VALUES (?, ?, 1, ?, ?, ?, ?, false, true, ?,"
            + " 'EUR', ?, 'EUR', ?), (?, ?, 1, ?, ?, ?, ?, false, false, NULL, NULL, NULL, NULL,"
            + " ?);\nUPDATE "
            + p
            + "follow_up SET version = version + 1, status = 'CANCELLED', actionable_at = NULL,"
            + " doc = ? WHERE lead_id = ? AND status = 'PENDING';\nINSERT INTO "
            + p
            + "follow_up (id, followup_key, version, referrer_id, lead_id, status, actionable_at,"
            + " doc) VALUES (?, ?, 1, ?, ?, 'PENDING', ?, ?), (?, ?, 1, ?, ?, 'PENDING', ?, ?),"
            + " (?, ?, 1, ?, ?, 'PENDING', ?, ?), (?, ?, 1, ?, ?, 'PENDING', ?, ?);\nINSERT INTO "
            + p
            + "event (id, occurred_at, event_type, payload) VALUES (?, ?, ?, ?), (?, ?, ?, ?),"
            + " (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?);\nINSERT INTO "
            + p
            + "ledger (name, cnt, amount) VALUES (?, 1, ?) ON CONFLICT (name) DO UPDATE SET cnt = "
            + p
            + "ledger.cnt + 1, amount = "
            + p
            + "ledger.amount + EXCLUDED.amount";
  }

  /**
   * Creates the tables under {@code prefix} (a copy of the store's) and as many referrers as the
   * store's arm.
   */
  static HandWrittenCheckout create(DataSource pool, String prefix) throws SQLException {
    HandWrittenCheckout hand = new HandWrittenCheckout(pool, prefix);
    hand.createTables();
    return hand;
  }

  private void createTables() throws SQLException {
    String ts = "TIMESTAMP WITH TIME ZONE";
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + p
              + "referrer (id VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, doc TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE "
              + p
              + "lead (id VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, referrer_id VARCHAR(64),"
              + " referred_at "
              + ts
              + " NOT NULL, open_until "
              + ts
              + ", converted_at "
              + ts
              + ", doc TEXT NOT NULL)");
      s.execute(
          "CREATE INDEX " + p + "lead_referrer_ix ON " + p + "lead (referrer_id, referred_at)");
      s.execute(
          "CREATE INDEX "
              + p
              + "lead_open_until_ix ON "
              + p
              + "lead (open_until) WHERE open_until IS NOT NULL");
      s.execute(
          "CREATE TABLE "
              + p
              + "order_record (id VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, lead_id"
              + " VARCHAR(64) NOT NULL, doc TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE "
              + p
              + "reward (id VARCHAR(64) PRIMARY KEY, idempotency_key VARCHAR(300) NOT NULL UNIQUE,"
              + " version BIGINT NOT NULL, seq BIGINT GENERATED BY DEFAULT AS IDENTITY,"
              + " referrer_id VARCHAR(64) NOT NULL, lead_id VARCHAR(64), order_id VARCHAR(64),"
              + " granted_at "
              + ts
              + " NOT NULL, pending_since "
              + ts
              + ", hold_until "
              + ts
              + ", awaiting_approval BOOLEAN NOT NULL, issued_until "
              + ts
              + ", counts_for_referrer BOOLEAN NOT NULL, value_amount NUMERIC(24, 6),"
              + " value_currency CHAR(3), budget_amount NUMERIC(24, 6), budget_currency CHAR(3),"
              + " doc TEXT NOT NULL)");
      for (String column : new String[] {"referrer_id", "lead_id", "order_id"}) {
        s.execute(index("reward", column, column + ", seq", ""));
      }
      for (String column : new String[] {"pending_since", "issued_until"}) {
        s.execute(index("reward", column, column, " WHERE " + column + " IS NOT NULL"));
      }
      s.execute(
          "CREATE TABLE "
              + p
              + "ledger (name VARCHAR(100) PRIMARY KEY, cnt BIGINT NOT NULL, amount NUMERIC(24, 6)"
              + " NOT NULL)");
      s.execute(
          "CREATE TABLE "
              + p
              + "follow_up (id VARCHAR(64) PRIMARY KEY, followup_key VARCHAR(300) NOT NULL UNIQUE,"
              + " version BIGINT NOT NULL, seq BIGINT GENERATED BY DEFAULT AS IDENTITY,"
              + " referrer_id VARCHAR(64) NOT NULL, lead_id VARCHAR(64), status VARCHAR(16) NOT"
              + " NULL, actionable_at "
              + ts
              + ", doc TEXT NOT NULL)");
      s.execute(
          "CREATE INDEX "
              + p
              + "follow_up_due_ix ON "
              + p
              + "follow_up (actionable_at) WHERE actionable_at IS NOT NULL");
      s.execute(
          "CREATE INDEX " + p + "follow_up_referrer_ix ON " + p + "follow_up (referrer_id, seq)");
      s.execute("CREATE INDEX " + p + "follow_up_lead_ix ON " + p + "follow_up (lead_id, seq)");
      s.execute(
          "CREATE TABLE "
              + p
              + "event (id VARCHAR(64) PRIMARY KEY, seq BIGINT GENERATED BY DEFAULT AS IDENTITY,"
              + " occurred_at "
              + ts
              + " NOT NULL, event_type VARCHAR(64) NOT NULL, payload TEXT NOT NULL)");
      s.execute("CREATE INDEX " + p + "event_time_ix ON " + p + "event (occurred_at)");
      StringBuilder referrers =
          new StringBuilder("INSERT INTO " + p + "referrer (id, version, doc) VALUES ");
      for (int i = 0; i < REFERRERS; i++) {
        referrers
            .append(i == 0 ? "" : ", ")
            .append("('HR-")
            .append(i)
            .append("', 1, '{\"id\":{\"value\":\"HR-")
            .append(i)
            .append(
                "\"},\"kind\":\"CUSTOMER\",\"status\":\"ACTIVE\",\"name\":\"Customer\","
                    + "\"email\":\"referrer@example.com\",\"phone\":null,\"customerRef\":null,"
                    + "\"consentToContact\":true,\"codes\":[{\"code\":{\"value\":\"A83J7CEE6E\"},"
                    + "\"issuedAt\":\"2026-11-30T16:50:27.779460538Z\",\"retiredAt\":null}],"
                    + "\"enrolledAt\":\"2026-11-30T16:50:27.779460538Z\",\"satisfaction\":null,"
                    + "\"engagement\":{\"lastAskedAt\":null,\"asksWithoutReferral\":0},"
                    + "\"version\":1}')");
      }
      s.execute(referrers.toString());
    }
  }

  private String index(String table, String name, String columns, String where) {
    return "CREATE INDEX "
        + p
        + table
        + "_"
        + name
        + "_ix ON "
        + p
        + table
        + " ("
        + columns
        + ")"
        + where;
  }

  /**
   * Inserts {@code count} open leads, each with the 2 open follow-ups a referral schedules (contact
   * the lead now, nurture it in 7 days), as a referral leaves them; returns their ids.
   */
  String[] seed(int count) throws SQLException {
    String[] leads = new String[count];
    if (count == 0) {
      return leads;
    }
    try (Connection c = pool.getConnection();
        PreparedStatement lead =
            c.prepareStatement(
                "INSERT INTO "
                    + p
                    + "lead (id, version, referrer_id, referred_at, open_until, doc) VALUES (?, 1,"
                    + " ?, ?, ?, ?)");
        PreparedStatement followUp =
            c.prepareStatement(
                "INSERT INTO "
                    + p
                    + "follow_up (id, followup_key, version, referrer_id, lead_id, status,"
                    + " actionable_at, doc) VALUES (?, ?, 1, ?, ?, 'PENDING', ?, ?)")) {
      c.setAutoCommit(false);
      Instant now = Instant.now();
      for (int i = 0; i < count; i++) {
        long n = ids.incrementAndGet();
        String id = "HL-" + n;
        String referrer = "HR-" + (n % REFERRERS);
        leads[i] = id;
        lead.setString(1, id);
        lead.setString(2, referrer);
        lead.setObject(3, time(now));
        lead.setObject(4, time(now.plus(90, ChronoUnit.DAYS)));
        lead.setString(5, leadDoc(id, referrer, n, now.toString(), null));
        lead.addBatch();
        addFollowUp(
            followUp, "HF-" + n + "-c", "CONTACT_LEAD", "contact the lead", id, referrer, now);
        addFollowUp(
            followUp,
            "HF-" + n + "-n",
            "NURTURE_LEAD",
            "nurture the lead",
            id,
            referrer,
            now.plus(7, ChronoUnit.DAYS));
      }
      lead.executeBatch();
      followUp.executeBatch();
      c.commit();
    }
    return leads;
  }

  private static void addFollowUp(
      PreparedStatement insert,
      String id,
      String kind,
      String reason,
      String lead,
      String referrer,
      Instant due)
      throws SQLException {
    String key = "E-" + id + "|" + kind + "|PROSPECT|" + reason;
    insert.setString(1, id);
    insert.setString(2, key);
    insert.setString(3, referrer);
    insert.setString(4, lead);
    insert.setObject(5, time(due));
    insert.setString(
        6, followUpDoc(id, key, kind, "PROSPECT", referrer, lead, due.toString(), "PENDING", 1));
    insert.addBatch();
  }

  /**
   * The checkout on {@code c} (in the host's transaction, after its order row): reads the lead,
   * then writes what its conversion writes.
   */
  void convert(Connection c, String leadId, String orderId) throws SQLException {
    Instant now = Instant.now();
    OffsetDateTime at = time(now);
    String nowText = now.toString();
    String referrer = null;
    String leadDoc = null;
    try (PreparedStatement s = c.prepareStatement(read)) {
      OffsetDateTime monthStart =
          at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withOffsetSameInstant(ZoneOffset.UTC);
      s.setString(1, orderId);
      s.setString(2, leadId);
      s.setString(3, leadId);
      s.setString(4, leadId);
      s.setObject(5, monthStart);
      s.setObject(6, monthStart.withDayOfYear(1));
      s.setString(7, leadId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          if (rows.getInt(1) == 1) {
            leadDoc = rows.getString(2);
          } else if (rows.getInt(1) == 3) {
            String doc = rows.getString(2);
            int start = doc.indexOf("HR-");
            referrer = doc.substring(start, doc.indexOf('"', start));
          }
        }
      }
    }
    if (leadDoc == null || referrer == null) {
      throw new IllegalStateException("lead " + leadId + " or its referrer not found");
    }
    long n = Long.parseLong(leadId.substring(3));
    String event = "HE-" + n;
    String[] rewards = {"HW-" + n + "-r", "HW-" + n + "-p"};
    String[] followUps = {"HF-" + n + "-t", "HF-" + n + "-a", "HF-" + n + "-1", "HF-" + n + "-2"};
    BigDecimal ten = BigDecimal.TEN;
    try (PreparedStatement s = c.prepareStatement(writes)) {
      int i = 0;
      s.setObject(++i, at);
      s.setString(++i, leadDoc(leadId, referrer, n, nowText, orderId));
      s.setString(++i, leadId);
      s.setString(++i, orderId);
      s.setString(++i, leadId);
      s.setString(++i, ORDER_DOC.fill(orderId, leadId, nowText));
      i =
          bindReward(
              s, i, rewards[0], event + "|referrer credit|REFERRER", leadId, referrer, orderId);
      s.setObject(++i, at);
      s.setBigDecimal(++i, ten);
      s.setBigDecimal(++i, ten);
      s.setString(
          ++i,
          rewardDoc(
              rewards[0],
              event,
              "referrer credit",
              "REFERRER",
              leadId,
              referrer,
              orderId,
              nowText));
      i =
          bindReward(
              s, i, rewards[1], event + "|friend discount|PROSPECT", leadId, referrer, orderId);
      s.setObject(++i, at);
      s.setString(
          ++i,
          rewardDoc(
              rewards[1],
              event,
              "friend discount",
              "PROSPECT",
              leadId,
              referrer,
              orderId,
              nowText));
      s.setString(
          ++i,
          followUpDoc(
              "HF-" + n + "-c",
              "E-HF-" + n + "-c|CONTACT_LEAD|PROSPECT|contact the lead",
              "CONTACT_LEAD",
              "PROSPECT",
              referrer,
              leadId,
              nowText,
              "CANCELLED",
              2));
      s.setString(++i, leadId);
      String[][] scheduled = {
        {"PROGRESS_UPDATE", "tell the referrer: converted", event},
        {"ASK_FOR_REFERRALS", "ask customers again", event},
        {"REWARD_NOTICE", "reward notice", event + "-i1"},
        {"REWARD_NOTICE", "reward notice", event + "-i2"}
      };
      for (int f = 0; f < followUps.length; f++) {
        String key = scheduled[f][2] + "|" + scheduled[f][0] + "|REFERRER|" + scheduled[f][1];
        boolean later = f == 1;
        Instant due = later ? now.plus(30, ChronoUnit.DAYS) : now;
        s.setString(++i, followUps[f]);
        s.setString(++i, key);
        s.setString(++i, referrer);
        s.setString(++i, leadId);
        s.setObject(++i, time(due));
        s.setString(
            ++i,
            followUpDoc(
                followUps[f],
                key,
                scheduled[f][0],
                "REFERRER",
                referrer,
                leadId,
                later ? due.toString() : nowText,
                "PENDING",
                1));
      }
      String[][] events = {
        {event, "LEAD_CONVERTED", ""},
        {event + "-g1", "REWARD_GRANTED", rewards[0]},
        {event + "-i1", "REWARD_ISSUED", rewards[0]},
        {event + "-g2", "REWARD_GRANTED", rewards[1]},
        {event + "-i2", "REWARD_ISSUED", rewards[1]}
      };
      for (String[] e : events) {
        s.setString(++i, e[0]);
        s.setObject(++i, at);
        s.setString(++i, e[1]);
        s.setString(
            ++i,
            EVENT_DOC.fill(
                e[1],
                e[0],
                nowText,
                e[2],
                referrer,
                leadId,
                e[1].equals("LEAD_CONVERTED")
                    ? "\"from\":\"REFERRED\",\"purchase\":{\"orderId\":\""
                        + orderId
                        + "\",\"amount\":{\"amount\":\"80.00\",\"currency\":\"EUR\"},\"at\":\""
                        + nowText
                        + "\",\"skus\":[],\"categories\":[]}"
                    : "\"beneficiary\":\"REFERRER\",\"incentive\":{\"type\":\"credit\",\"amount\":"
                        + MONEY
                        + "},\"value\":"
                        + MONEY));
      }
      s.setString(++i, "program:EUR:" + ThreadLocalRandom.current().nextInt(8));
      s.setBigDecimal(++i, ten);
      s.execute();
      int updated = s.getUpdateCount();
      if (updated != 1) {
        throw new IllegalStateException("lead " + leadId + " not updated: " + updated);
      }
    }
  }

  /**
   * Binds a reward row's id, key, referrer, lead and order from {@code i + 1}; returns the last.
   */
  private static int bindReward(
      PreparedStatement s, int i, String id, String key, String lead, String referrer, String order)
      throws SQLException {
    s.setString(i + 1, id);
    s.setString(i + 2, key);
    s.setString(i + 3, referrer);
    s.setString(i + 4, lead);
    s.setString(i + 5, order);
    return i + 5;
  }

  private static String rewardDoc(
      String id,
      String event,
      String reason,
      String beneficiary,
      String lead,
      String referrer,
      String order,
      String at) {
    boolean credit = beneficiary.equals("REFERRER");
    return REWARD_DOC.fill(
        id,
        event + "|" + reason + "|" + beneficiary,
        referrer,
        lead,
        beneficiary,
        credit ? CREDIT : DISCOUNT,
        credit ? MONEY : "null",
        reason,
        order,
        at);
  }

  private static String leadDoc(String id, String referrer, long n, String at, String order) {
    String conversion =
        order == null
            ? "null"
            : "{\"orderId\":{\"value\":\""
                + order
                + "\"},\"amount\":{\"amount\":\"80.00\",\"currency\":\"EUR\"},\"at\":\""
                + at
                + "\"}";
    String step =
        order == null
            ? ""
            : ",{\"from\":\"REFERRED\",\"to\":\"CONVERTED\",\"at\":\""
                + at
                + "\",\"note\":\"order "
                + order
                + "\"}";
    return LEAD_DOC.fill(
        id,
        referrer,
        n,
        order == null ? "REFERRED" : "CONVERTED",
        at,
        conversion,
        step,
        order == null ? 1 : 2);
  }

  private static String followUpDoc(
      String id,
      String key,
      String kind,
      String audience,
      String referrer,
      String lead,
      String due,
      String status,
      int version) {
    return FOLLOW_UP_DOC.fill(
        id,
        key,
        kind,
        audience,
        referrer,
        lead,
        due,
        status,
        status.equals("PENDING") ? "null" : "\"" + due + "\"",
        kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        version);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * A text with numbered holes ({@code %1$s}, {@code %2$d}), filled by concatenation: what a
   * hand-written integration would do, where {@code String.format} would parse the text on every
   * call.
   */
  private static final class Template {
    private final String[] parts;
    private final int[] holes;
    private final int length;

    Template(String text) {
      java.util.List<String> partList = new java.util.ArrayList<>();
      java.util.List<Integer> holeList = new java.util.ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("%(\\d+)\\$[sd]").matcher(text);
      int from = 0;
      while (m.find()) {
        partList.add(text.substring(from, m.start()));
        holeList.add(Integer.parseInt(m.group(1)) - 1);
        from = m.end();
      }
      partList.add(text.substring(from));
      parts = partList.toArray(String[]::new);
      holes = holeList.stream().mapToInt(Integer::intValue).toArray();
      length = text.length();
    }

    String fill(Object... args) {
      StringBuilder out = new StringBuilder(length + 32 * holes.length);
      for (int i = 0; i < holes.length; i++) {
        out.append(parts[i]).append(args[holes[i]]);
      }
      return out.append(parts[holes.length]).toString();
    }
  }
}
