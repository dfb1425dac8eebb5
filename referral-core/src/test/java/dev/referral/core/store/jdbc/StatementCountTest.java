package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ConversionResult;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.event.EventType;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How many SQL statements one conversion costs: a round trip each, on a hot path. */
class StatementCountTest {

  /**
   * The most statements a conversion may take: double-sided offer, follow-ups, no limits, and
   * optionally a policy that reads the referrer's counts and grants a second reward (as the shop's
   * rules of the PostgreSQL benchmark do).
   */
  static final int MAX_STATEMENTS_PER_CONVERSION = 8;

  @Test
  void givenAReferredLeadOnH2_whenConverted_thenItTakesAFixedSmallNumberOfStatements() {
    assertConversionStatements(TestDatabases.newH2(), "referral_");
  }

  @Test
  void givenAReferredLeadOnPostgres_whenConverted_thenItTakesAFixedSmallNumberOfStatements() {
    TestDatabases.postgresUrl();
    assertConversionStatements(TestDatabases.sharedPostgres(), TestDatabases.uniquePrefix());
  }

  @Test
  void givenRulesReadingTheReferrersCountsOnH2_whenConverted_thenItTakesAsFewStatements() {
    assertConversionStatements(TestDatabases.newH2(), "referral_", true);
  }

  @Test
  void givenRulesReadingTheReferrersCountsOnPostgres_whenConverted_thenItTakesAsFewStatements() {
    TestDatabases.postgresUrl();
    assertConversionStatements(TestDatabases.sharedPostgres(), TestDatabases.uniquePrefix(), true);
  }

  @Test
  void givenACodeOnH2_whenAFriendIsReferred_thenTheReferrerIsReadOnce() {
    // given
    ProbeDataSource probe = new ProbeDataSource(TestDatabases.newH2());
    ReferralProgram program =
        JdbcPrograms.program(JdbcPrograms.store(probe.dataSource(), "referral_"));
    Referrer jane = customer(program, "Jane");
    int before = probe.statements();
    // when
    refer(program, jane, "bob");
    // then
    List<String> statements = probe.log().subList(before, probe.statements());
    assertEquals(
        1,
        statements.stream().filter(sql -> sql.contains("FROM referral_referrer")).count(),
        String.join("\n", statements));
  }

  private static void assertConversionStatements(DataSource dataSource, String prefix) {
    assertConversionStatements(dataSource, prefix, false);
  }

  /**
   * A policy that reads the referrer's counts on every conversion and grants the referrer a bonus
   * point for each conversion so far this month.
   */
  static ReferralPolicy bonusByCounts() {
    return (event, context) -> {
      if (event.type() != EventType.LEAD_CONVERTED) {
        return List.of();
      }
      long conversions = context.stats().conversionsThisMonth();
      return List.of(GrantReward.toReferrer(Incentive.points(conversions), "monthly bonus"));
    };
  }

  private static void assertConversionStatements(
      DataSource dataSource, String prefix, boolean readingCounts) {
    // given
    ProbeDataSource probe = new ProbeDataSource(dataSource);
    JdbcReferralStore store = JdbcPrograms.store(probe.dataSource(), prefix);
    ReferralProgram program =
        readingCounts
            ? JdbcPrograms.programWith(store, bonusByCounts())
            : JdbcPrograms.program(store);
    Referrer jane = customer(program, "Jane");
    Lead first = refer(program, jane, "bob");
    program.convert(first.id(), order("order-1", 80));
    Lead second = refer(program, jane, "carol");
    int before = probe.statements();
    // when
    ConversionResult result = program.convert(second.id(), order("order-2", 80));
    // then
    List<String> statements = probe.log().subList(before, probe.statements());
    System.out.println(
        "Statements per conversion: "
            + statements.size()
            + "\n  "
            + String.join("\n  ", statements));
    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
    assertEquals(readingCounts ? 2 : 1, result.rewards().size());
    assertEquals(
        program.rewardsFor(second.id()).stream()
            .filter(r -> r.orderId().equals(Optional.of(OrderId.of("order-2"))))
            .toList(),
        result.rewards());
    assertTrue(statements.size() <= MAX_STATEMENTS_PER_CONVERSION, String.join("\n", statements));
  }
}
