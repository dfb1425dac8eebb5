package dev.referral.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Conversion;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferrerId;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.StoreConflictException;
import dev.referral.core.store.StoreSamples;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Conversions of one referrer's leads on several threads at once, each reading the counts with its
 * lead as a conversion does, for periods that change from one conversion to the next (so that rows
 * are counted again from the leads while other threads convert): afterwards the counts read with a
 * lead, and every totals row that holds counts, equal the conversions made.
 */
class ConcurrentConversionCountsTest {
  private static final Instant BASE = Instant.parse("2030-03-15T10:00:00Z");
  private static final List<Instant> MONTHS =
      List.of(Instant.parse("2030-03-01T00:00:00Z"), Instant.parse("2030-02-01T00:00:00Z"));
  private static final Instant YEAR = Instant.parse("2030-01-01T00:00:00Z");
  private static final int THREADS = 4;
  private static final int LEADS_PER_THREAD = 30;

  @Test
  void givenConversionsOfOneReferrerOnFourThreads_whenCountsAreRead_thenTheyCountEveryConversion()
      throws Exception {
    // given leads of two referrers, referred before the conversions
    TestDatabases.postgresUrl();
    String prefix = TestDatabases.uniquePrefix();
    JdbcReferralStore store = JdbcPrograms.store(TestDatabases.sharedPostgres(), prefix);
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < THREADS * LEADS_PER_THREAD; i++) {
      Lead lead = StoreSamples.lead("L-" + i, "R-" + (i % 2), BASE.minusSeconds(86_400L * 40));
      leads.add(lead);
      store.inTransaction(
          tx -> {
            tx.leads().insert(lead, Set.of("email:" + lead.id().value()));
            return null;
          });
    }

    // when each thread converts its share, reading the counts with the lead first
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = thread; i < leads.size(); i += THREADS) {
                  convert(store, leads.get(i), i);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    // then
    for (int r = 0; r < 2; r++) {
      ReferrerId referrer = ReferrerId.of("R-" + r);
      LeadId someLead = leads.get(r).id();
      for (Instant month : MONTHS) {
        PeriodCounts expected = expected(leads.size() / 2, r, month);
        PeriodCounts seen =
            store.inTransaction(
                tx -> {
                  tx.orders().findWithLead(OrderId.of("none"), someLead);
                  return tx.leads().conversionCounts(referrer, month, YEAR);
                });
        assertEquals(expected, seen, referrer + " from " + month);
      }
    }
    try (Connection c = TestDatabases.sharedPostgres().getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT referrer_id, month_start, year_start, since_month, since_year, lifetime"
                    + " FROM "
                    + prefix
                    + "conversion_totals")) {
      int claiming = 0;
      while (rows.next()) {
        if (rows.getObject(2) == null) {
          continue; // to be counted again
        }
        claiming++;
        int r = Integer.parseInt(rows.getString(1).substring(2));
        Instant month = rows.getObject(2, OffsetDateTime.class).toInstant();
        assertEquals(YEAR, rows.getObject(3, OffsetDateTime.class).toInstant());
        assertEquals(
            expected(leads.size() / 2, r, month),
            new PeriodCounts(rows.getLong(4), rows.getLong(5), rows.getLong(6)),
            "totals row of " + rows.getString(1));
      }
      assertTrue(claiming > 0, "no totals row holds counts");
    }
  }

  /** Converts {@code lead} (the {@code i}th), retrying conflicts as the program would. */
  private static void convert(JdbcReferralStore store, Lead lead, int i) {
    Instant month = MONTHS.get((i / 3) % 2);
    Instant at = BASE.minusSeconds(86_400L * (i % 30));
    for (int attempt = 0; ; attempt++) {
      try {
        store.inTransaction(
            tx -> {
              tx.orders().findWithLead(OrderId.of("O-" + i), lead.id());
              Lead stored = tx.leads().find(lead.id()).orElseThrow();
              tx.leads().conversionCounts(stored.referrerId().orElseThrow(), month, YEAR);
              tx.leads()
                  .update(
                      stored.convert(
                          new Conversion(OrderId.of("O-" + i), Money.of(80, "EUR"), at), "bought"));
              return null;
            });
        return;
      } catch (StoreConflictException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }

  /** The counts of referrer {@code r}'s conversions: lead i converted i % 30 days before BASE. */
  private static PeriodCounts expected(int perReferrer, int r, Instant month) {
    long sinceMonth = 0;
    long sinceYear = 0;
    for (int i = r; i < perReferrer * 2; i += 2) {
      Instant at = BASE.minusSeconds(86_400L * (i % 30));
      sinceMonth += at.isBefore(month) ? 0 : 1;
      sinceYear += at.isBefore(YEAR) ? 0 : 1;
    }
    return new PeriodCounts(sinceMonth, sinceYear, perReferrer);
  }
}
