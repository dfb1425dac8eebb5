package dev.referral.core.store.jdbc.internal;

/** The SQL that differs between the supported databases. */
public enum Dialect {
  /** PostgreSQL 12 and later. */
  POSTGRESQL("postgresql"),
  /** H2 2.x. */
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The dialect of the database named {@code productName} by the JDBC driver's metadata. */
  public static Dialect ofProductName(String productName) {
    String name = productName.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "database " + productName + " is not supported: use PostgreSQL or H2");
  }

  /** The classpath resource of schema version {@code version}. */
  public String schemaResource(int version) {
    return "db/referral/" + folder + "/V" + version + "__referral.sql";
  }

  /** Inserts a follow-up row unless its key exists (parameters as in the follow-up insert). */
  String insertFollowUpUnlessKeyExists() {
    String columns =
        "{follow_up} (id, followup_key, version, referrer_id, lead_id, status, actionable_at, doc)";
    return switch (this) {
      case POSTGRESQL ->
          "INSERT INTO "
              + columns
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (followup_key) DO NOTHING";
      case H2 ->
          "INSERT INTO "
              + columns
              + " SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT EXISTS"
              + " (SELECT 1 FROM {follow_up} WHERE followup_key = ?)";
    };
  }

  /** Adds a count and an amount to a ledger row, creating it if needed: name, count, amount. */
  String addToLedger() {
    return switch (this) {
      case POSTGRESQL ->
          "INSERT INTO {ledger} (name, cnt, amount) VALUES (?, ?, ?) ON CONFLICT (name)"
              + " DO UPDATE SET cnt = {ledger}.cnt + EXCLUDED.cnt,"
              + " amount = {ledger}.amount + EXCLUDED.amount";
      case H2 ->
          "MERGE INTO {ledger} l USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS BIGINT),"
              + " CAST(? AS NUMERIC(24, 6)))) s(name, cnt, amount) ON l.name = s.name"
              + " WHEN MATCHED THEN UPDATE SET l.cnt = l.cnt + s.cnt, l.amount = l.amount + s.amount"
              + " WHEN NOT MATCHED THEN INSERT (name, cnt, amount) VALUES (s.name, s.cnt, s.amount)";
    };
  }

  /** Creates a ledger row if needed and locks it until the transaction ends: parameter name. */
  String lockLedgerRow() {
    return switch (this) {
      case POSTGRESQL ->
          "INSERT INTO {ledger} (name, cnt, amount) VALUES (?, 0, 0)"
              + " ON CONFLICT (name) DO UPDATE SET cnt = {ledger}.cnt";
      case H2 ->
          "MERGE INTO {ledger} l USING (VALUES (CAST(? AS VARCHAR(100)))) s(name) ON l.name = s.name"
              + " WHEN MATCHED THEN UPDATE SET l.cnt = l.cnt"
              + " WHEN NOT MATCHED THEN INSERT (name, cnt, amount) VALUES (s.name, 0, 0)";
    };
  }
}
