package dev.referral.core.store.jdbc.internal;

import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The conversion counts of each referrer kept in a table on PostgreSQL ({@code conversion_totals}),
 * so that a conversion's lead read finds them in one row instead of visiting every converted lead
 * of the referrer. A row counts the conversions at or after its month and year starts (the periods
 * the program last asked for) and all of them; it is exact at every commit:
 *
 * <ul>
 *   <li>every write that moves a lead's conversion (a time set, changed or cleared) adds the
 *       difference to its referrer's row in the same transaction, relative to the row's own starts;
 *       a row missing is created with no starts (to be counted again);
 *   <li>a lead write whose stored state the transaction did not read, or that moves a lead to
 *       another referrer, marks the rows of both referrers to be counted again;
 *   <li>a lead read finds the row of the lead's referrer if its starts are the ones asked for;
 *       otherwise it counts the referrer's converted leads (as before) and reads the row's version.
 *       The conversion's own write to the row then replaces the row with those counts (plus its own
 *       move) if the version is still the one read (no transaction has changed the row since, so no
 *       conversion has been committed since the count), and adds its move otherwise.
 * </ul>
 *
 * Rows are locked by the writes that change them until commit, so concurrent conversions of one
 * referrer's leads wait for each other at their last flush.
 */
final class ConversionTotals {

  private ConversionTotals() {}

  /** Counts read from the leads, with the row's version then (-1: no row), to write back. */
  record Recount(
      ReferrerId referrerId,
      StatsPeriods.Starts starts,
      long version,
      long sinceMonth,
      long sinceYear,
      long lifetime) {

    /** Reads {@code "sinceMonth,sinceYear,lifetime,version"}. */
    static Recount of(ReferrerId referrerId, StatsPeriods.Starts starts, String row) {
      String[] f = row.split(",", -1);
      return new Recount(
          referrerId,
          starts,
          Long.parseLong(f[3].strip()),
          Long.parseLong(f[0].strip()),
          Long.parseLong(f[1].strip()),
          Long.parseLong(f[2].strip()));
    }
  }

  private static final String COLUMNS =
      "{conversion_totals} (referrer_id, version, month_start, year_start, since_month,"
          + " since_year, lifetime)";

  private static final String MONTH_MOVE =
      "CASE WHEN CAST(? AS TIMESTAMP WITH TIME ZONE) >= {conversion_totals}.month_start THEN 1"
          + " ELSE 0 END - CASE WHEN CAST(? AS TIMESTAMP WITH TIME ZONE)"
          + " >= {conversion_totals}.month_start THEN 1 ELSE 0 END";

  /**
   * Adds a conversion's move to an existing row, or replaces the row with recounted values when its
   * version is still the one read. Parameters: see {@link #moveParams}.
   */
  private static final String ON_CONFLICT =
      " ON CONFLICT (referrer_id) DO UPDATE SET version = {conversion_totals}.version + 1,"
          + " month_start = CASE WHEN {conversion_totals}.version = ? THEN EXCLUDED.month_start"
          + " ELSE {conversion_totals}.month_start END,"
          + " year_start = CASE WHEN {conversion_totals}.version = ? THEN EXCLUDED.year_start"
          + " ELSE {conversion_totals}.year_start END,"
          + " since_month = CASE WHEN {conversion_totals}.version = ? THEN EXCLUDED.since_month"
          + " ELSE {conversion_totals}.since_month + "
          + MONTH_MOVE
          + " END,"
          + " since_year = CASE WHEN {conversion_totals}.version = ? THEN EXCLUDED.since_year"
          + " ELSE {conversion_totals}.since_year + "
          + MONTH_MOVE.replace("month_start", "year_start")
          + " END,"
          + " lifetime = CASE WHEN {conversion_totals}.version = ? THEN EXCLUDED.lifetime"
          + " ELSE {conversion_totals}.lifetime + ? END";

  /**
   * After a lead's versioned update returning {@code referrer_id} as {@code u}: its conversion's
   * move added to the referrer's row (one row written per lead updated).
   */
  static final String MOVE_FROM_UPDATE =
      "INSERT INTO "
          + COLUMNS
          + " SELECT referrer_id, 0, CAST(? AS TIMESTAMP WITH TIME ZONE),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS BIGINT),"
          + " CAST(? AS BIGINT) FROM u"
          + ON_CONFLICT;

  /** A new lead's conversion added to its referrer's row: the referrer id, then the move. */
  static final String MOVE =
      "INSERT INTO "
          + COLUMNS
          + " VALUES (?, 0, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME"
          + " ZONE), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
          + ON_CONFLICT;

  /**
   * Marks the rows of the lead's stored referrer and of a referrer (or none) to be counted again,
   * creating them if missing: lead id, referrer id. Runs before the lead's update.
   */
  static final String RECOUNT =
      "INSERT INTO "
          + COLUMNS
          + " SELECT r, 0, CAST(NULL AS TIMESTAMP WITH TIME ZONE),"
          + " CAST(NULL AS TIMESTAMP WITH TIME ZONE), 0, 0, 0 FROM (SELECT referrer_id AS r FROM"
          + " {lead} WHERE id = ? UNION SELECT CAST(? AS VARCHAR(64))) x WHERE r IS NOT NULL"
          + " ON CONFLICT (referrer_id) DO UPDATE SET version = {conversion_totals}.version + 1,"
          + " month_start = NULL, year_start = NULL";

  /**
   * The row of the referrer of a lead as {@code t}, with whether its starts are the ones asked for:
   * a common table expression that a conversion's lead read starts with. Parameters: month start,
   * year start, lead id.
   */
  static final String ROW =
      "WITH t AS (SELECT since_month, since_year, lifetime, version,"
          + " COALESCE(month_start = ? AND year_start = ?, FALSE) AS fresh"
          + " FROM {conversion_totals} WHERE referrer_id = (SELECT referrer_id FROM {lead}"
          + " WHERE id = ?)) ";

  /**
   * The conversion counts of the referrer of a lead, appended to a conversion's lead read that
   * starts with {@link #ROW}: part 4 is {@code "month,year,lifetime"} from the row when its starts
   * are the ones asked for; else part 6 is {@code "month,year,lifetime,version"}, counted from the
   * leads (version -1: no row). Parameters: month start, year start, lead id.
   */
  static final String READ =
      " UNION ALL SELECT 4, CAST(since_month AS VARCHAR(20)) || ',' || CAST(since_year AS"
          + " VARCHAR(20)) || ',' || CAST(lifetime AS VARCHAR(20)), 0 FROM t WHERE fresh"
          + " UNION ALL SELECT 6, CAST(COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1 ELSE 0 END),"
          + " 0) AS VARCHAR(20)) || ',' || CAST(COALESCE(SUM(CASE WHEN converted_at >= ? THEN 1"
          + " ELSE 0 END), 0) AS VARCHAR(20)) || ',' || CAST(COUNT(*) AS VARCHAR(20)) || ','"
          + " || COALESCE((SELECT CAST(version AS VARCHAR(20)) FROM t), '-1'), 0 FROM {lead}"
          + " WHERE referrer_id = (SELECT referrer_id FROM {lead} WHERE id = ?)"
          + " AND converted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM t WHERE fresh)"
          + " HAVING NOT EXISTS (SELECT 1 FROM t WHERE fresh)";

  /**
   * The parameters of {@link #MOVE_FROM_UPDATE} (of {@link #MOVE} after the referrer id): a
   * conversion moved from {@code before} to {@code after}; with {@code recount} (counts read before
   * the move, for the referrer), the row's values if its version is still the one read.
   */
  static Object[] moveParams(
      Optional<Instant> before, Optional<Instant> after, @Nullable Recount recount) {
    long lifetimeMove = (after.isPresent() ? 1 : 0) - (before.isPresent() ? 1 : 0);
    Object monthStart = SqlSession.Null.TIME;
    Object yearStart = SqlSession.Null.TIME;
    long sinceMonth = 0;
    long sinceYear = 0;
    long lifetime = 0;
    long version = -1;
    if (recount != null) {
      Instant m = recount.starts().monthStart();
      Instant y = recount.starts().yearStart();
      monthStart = m;
      yearStart = y;
      sinceMonth = recount.sinceMonth() + since(after, m) - since(before, m);
      sinceYear = recount.sinceYear() + since(after, y) - since(before, y);
      lifetime = recount.lifetime() + lifetimeMove;
      version = recount.version();
    }
    Object was = SqlSession.time(before);
    Object now = SqlSession.time(after);
    return new Object[] {
      monthStart,
      yearStart,
      sinceMonth,
      sinceYear,
      lifetime,
      version,
      version,
      version,
      now,
      was,
      version,
      now,
      was,
      version,
      lifetimeMove
    };
  }

  private static long since(Optional<Instant> at, Instant start) {
    return at.isPresent() && !at.get().isBefore(start) ? 1 : 0;
  }
}
