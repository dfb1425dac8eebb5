package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Lead;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.EventType;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A conversion reads the referrer's statistics along with the lead, then keeps them up to date with
 * its own writes (the lead converting, the rewards granted): what a policy sees is what the
 * in-memory store shows it, conversion after conversion.
 */
class StatsReadWithTheLeadTest {

  @Test
  void givenPoliciesReadingStatsOnH2_whenLeadsConvert_thenTheyMatchTheInMemoryStore() {
    assertSameStatsAsInMemory(TestDatabases.newH2(), "referral_");
  }

  @Test
  void givenPoliciesReadingStatsOnPostgres_whenLeadsConvert_thenTheyMatchTheInMemoryStore() {
    TestDatabases.postgresUrl();
    assertSameStatsAsInMemory(TestDatabases.sharedPostgres(), TestDatabases.uniquePrefix());
  }

  private static void assertSameStatsAsInMemory(DataSource dataSource, String prefix) {
    // given
    ProbeDataSource probe = new ProbeDataSource(dataSource);
    List<ReferrerStats> expected = convertFourLeads(new InMemoryReferralStore(), Runnable::run);
    List<String> conversionStatements = new ArrayList<>();
    // when
    List<ReferrerStats> seen =
        convertFourLeads(
            JdbcPrograms.store(probe.dataSource(), prefix),
            conversion -> {
              int before = probe.statements();
              conversion.run();
              conversionStatements.addAll(probe.log().subList(before, probe.statements()));
            });
    // then
    assertEquals(expected, seen);
    assertEquals(12, seen.size());
    long statsQueries =
        conversionStatements.stream().filter(sql -> sql.startsWith("SELECT COALESCE(SUM(")).count();
    // the referrals read the stats first, so every conversion reads them with its lead
    assertEquals(0, statsQueries, String.join("\n", conversionStatements));
    assertEquals(
        4,
        conversionStatements.stream().filter(sql -> sql.contains("UNION ALL SELECT 4,")).count());
  }

  /** The stats the policy saw when each lead converted and when each reward was granted. */
  private static List<ReferrerStats> convertFourLeads(
      ReferralStore store, Consumer<Runnable> conversions) {
    List<ReferrerStats> seen = new ArrayList<>();
    ReferralPolicy recorder =
        (event, context) -> {
          if (event.type() == EventType.LEAD_CONVERTED
              || event.type() == EventType.REWARD_GRANTED) {
            seen.add(context.stats());
          }
          return List.of();
        };
    ReferralProgram program = JdbcPrograms.programWith(store, recorder);
    Referrer jane = customer(program, "Jane");
    Referrer john = customer(program, "John");
    for (int i = 0; i < 4; i++) {
      Lead lead = refer(program, i == 2 ? john : jane, "friend" + i);
      long amount = 80 + i;
      String orderId = "order-" + i;
      conversions.accept(() -> program.convert(lead.id(), order(orderId, amount)));
    }
    return seen;
  }
}
