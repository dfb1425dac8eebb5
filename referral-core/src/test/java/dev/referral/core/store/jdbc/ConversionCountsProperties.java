package dev.referral.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Conversion;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferrerId;
import dev.referral.core.spi.PeriodCounts;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.StoreSamples;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The JDBC store's conversion counts (kept in a totals table on PostgreSQL, counted from the leads
 * on H2) equal the counts of a plain model of the leads after any sequence of lead writes: new
 * leads converted or not, conversions read with the lead as the program reads them, conversions
 * set, moved or cleared by writes of leads the transaction did not read, some rolled back, with the
 * periods asked for changing on the way. The totals rows that claim periods are checked against the
 * model too. (A lead keeps its referrer: the store does not move leads between referrers.)
 */
class ConversionCountsProperties {
  private static final Instant BASE = Instant.parse("2030-03-15T10:00:00Z");
  private static final List<Instant> MONTHS =
      List.of(Instant.parse("2030-03-01T00:00:00Z"), Instant.parse("2030-04-01T00:00:00Z"));
  private static final List<Instant> YEARS =
      List.of(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2029-01-01T00:00:00Z"));
  private static final AtomicInteger TRIES = new AtomicInteger();

  private static JdbcReferralStore postgres;
  private static String postgresPrefix;

  /**
   * One step: {@code kind} 0 inserts a lead (converted if {@code converted}), 1 converts or moves a
   * lead's conversion after reading it with its order as a conversion does, 2 writes a lead not
   * read in the transaction (its conversion set, moved or cleared), 3 only reads; on lead {@code
   * lead} (new: of referrer {@code referrer}), {@code days} from the base time, rolled back if
   * {@code fails}, asking for the periods {@code periods} picks.
   */
  record Step(
      int kind, int lead, int referrer, int days, boolean converted, boolean fails, int periods) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(-400, 40),
                Arbitraries.of(true, false),
                Arbitraries.of(false, false, false, true),
                Arbitraries.of(0, 0, 0, 0, 1, 2, 3))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 40)
  @AddLifecycleHook(TestDatabases.SkipWithoutPostgres.class)
  void givenAnyLeadWritesOnPostgres_whenCountsAreRead_thenTheyEqualTheModel(
      @ForAll("steps") List<Step> steps) throws SQLException {
    TestDatabases.postgresUrl();
    synchronized (ConversionCountsProperties.class) {
      if (postgres == null) {
        postgresPrefix = TestDatabases.uniquePrefix();
        postgres = JdbcPrograms.store(TestDatabases.sharedPostgres(), postgresPrefix);
      }
    }
    run(postgres, steps);
    checkTotalsRows(TestDatabases.sharedPostgres(), postgresPrefix);
  }

  @Property(tries = 40)
  void givenAnyLeadWritesOnH2_whenCountsAreRead_thenTheyEqualTheModel(
      @ForAll("steps") List<Step> steps) {
    run(JdbcPrograms.store(TestDatabases.newH2(), "referral_"), steps);
  }

  /** The model: each lead's referrer and conversion time, as committed. */
  private final Map<LeadId, Lead> model = new HashMap<>();

  private void run(JdbcReferralStore store, List<Step> steps) {
    model.clear();
    String tryId = "p" + TRIES.incrementAndGet() + "-";
    int n = 0;
    for (Step step : steps) {
      n++;
      ReferrerId referrer = ReferrerId.of(tryId + "R" + step.referrer());
      LeadId leadId = LeadId.of(tryId + "L" + step.lead());
      Instant at = BASE.plusSeconds(step.days() * 86_400L);
      Instant month = MONTHS.get(step.periods() % 2);
      Instant year = YEARS.get(step.periods() / 2);
      String order = tryId + "O" + n;
      Map<LeadId, Lead> written = new HashMap<>(model);
      Lead stored = model.get(leadId);
      try {
        store.inTransaction(
            tx -> {
              switch (step.kind()) {
                case 0 -> {
                  if (stored == null) {
                    Lead lead = StoreSamples.lead(leadId.value(), referrer.value(), at);
                    if (step.converted()) {
                      lead = with(lead, lead.referrerId(), conversion(order, at), 1);
                    }
                    tx.leads().insert(lead, Set.of("email:" + leadId.value()));
                    written.put(leadId, lead);
                  }
                }
                case 1 -> {
                  if (stored != null) {
                    // as a conversion reads: the order with the lead, then the counts
                    tx.orders().findWithLead(OrderId.of(order), leadId);
                    Lead lead = tx.leads().find(leadId).orElseThrow();
                    check(tx, written, lead.referrerId(), month, year);
                    Lead moved =
                        with(
                            lead,
                            lead.referrerId(),
                            step.converted() ? conversion(order, at) : Optional.empty(),
                            lead.version() + 1);
                    tx.leads().update(moved);
                    written.put(leadId, moved);
                  }
                }
                case 2 -> {
                  if (stored != null) {
                    Lead moved =
                        with(
                            stored,
                            stored.referrerId(),
                            step.converted() ? conversion(order, at) : Optional.empty(),
                            stored.version() + 1);
                    tx.leads().update(moved);
                    written.put(leadId, moved);
                  }
                }
                default -> {
                  if (stored != null) {
                    tx.orders().findWithLead(OrderId.of(order), leadId);
                  }
                }
              }
              check(tx, written, Optional.of(referrer), month, year);
              if (stored != null) {
                check(tx, written, stored.referrerId(), month, year);
              }
              if (step.fails()) {
                throw new RolledBack();
              }
              return null;
            });
        model.clear();
        model.putAll(written);
      } catch (RolledBack expected) {
        // rolled back: the model stays
      }
      for (int r = 0; r < 3; r++) {
        ReferrerId other = ReferrerId.of(tryId + "R" + r);
        store.inTransaction(
            tx -> {
              check(tx, model, Optional.of(other), month, year);
              return null;
            });
      }
    }
  }

  /** A step's transaction failing on purpose. */
  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RolledBack() {
      super("rolled back");
    }
  }

  private static Optional<Conversion> conversion(String order, Instant at) {
    return Optional.of(new Conversion(OrderId.of(order), Money.of(80, "EUR"), at));
  }

  /** {@code lead} with {@code referrer} and {@code conversion}, at {@code version}. */
  private static Lead with(
      Lead lead, Optional<ReferrerId> referrer, Optional<Conversion> conversion, long version) {
    LeadStatus status = conversion.isPresent() ? LeadStatus.CONVERTED : LeadStatus.LOST;
    List<LeadTransition> history = new ArrayList<>(lead.history());
    history.add(LeadTransition.move(lead.status(), status, BASE, "moved"));
    return new Lead(
        lead.id(),
        referrer,
        lead.code(),
        lead.prospect(),
        lead.source(),
        status,
        Optional.empty(),
        lead.referredAt(),
        lead.expiresAt(),
        conversion,
        history,
        version);
  }

  private static void check(
      StoreTransaction tx,
      Map<LeadId, Lead> leads,
      Optional<ReferrerId> referrer,
      Instant month,
      Instant year) {
    if (referrer.isEmpty()) {
      return;
    }
    assertEquals(
        expected(leads, referrer.get(), month, year),
        tx.leads().conversionCounts(referrer.get(), month, year),
        referrer.get() + " from " + month + " and " + year);
  }

  private static PeriodCounts expected(
      Map<LeadId, Lead> leads, ReferrerId referrer, Instant month, Instant year) {
    long sinceMonth = 0;
    long sinceYear = 0;
    long lifetime = 0;
    for (Lead lead : leads.values()) {
      if (lead.referrerId().equals(Optional.of(referrer)) && lead.conversion().isPresent()) {
        Instant at = lead.conversion().get().at();
        lifetime++;
        sinceYear += at.isBefore(year) ? 0 : 1;
        sinceMonth += at.isBefore(month) ? 0 : 1;
      }
    }
    return new PeriodCounts(sinceMonth, sinceYear, lifetime);
  }

  /** Every totals row of this try that claims periods holds the model's counts for them. */
  private void checkTotalsRows(DataSource dataSource, String prefix) throws SQLException {
    String tryId = "p" + TRIES.get() + "-";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT referrer_id, month_start, year_start, since_month, since_year, lifetime"
                    + " FROM "
                    + prefix
                    + "conversion_totals WHERE referrer_id LIKE ? AND month_start IS NOT NULL")) {
      s.setString(1, tryId + "%");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ReferrerId referrer = ReferrerId.of(rows.getString(1));
          Instant month = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
          Instant year = rows.getObject(3, java.time.OffsetDateTime.class).toInstant();
          assertEquals(
              expected(model, referrer, month, year),
              new PeriodCounts(rows.getLong(4), rows.getLong(5), rows.getLong(6)),
              "totals row of " + referrer);
        }
      }
    }
  }
}
