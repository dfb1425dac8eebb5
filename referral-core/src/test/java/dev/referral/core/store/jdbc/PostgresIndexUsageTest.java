package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.eur;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralLimits;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.Refund;
import dev.referral.core.RewardId;
import dev.referral.core.store.StoreSamples;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every query the store runs can use an index: with sequential scans disabled, PostgreSQL's plan
 * for each statement (as a generic plan, whatever the parameters) contains no sequential scan. A
 * query without a usable index would still need one.
 */
class PostgresIndexUsageTest {

  @Test
  void givenEveryQueryTheStoreRuns_whenExplained_thenNoneScansAWholeTable() throws SQLException {
    // given the SQL of a workload through the program and every repository read
    DataSource postgres = TestDatabases.sharedPostgres();
    ProbeDataSource probe = new ProbeDataSource(postgres);
    JdbcReferralStore store = JdbcPrograms.store(probe.dataSource(), TestDatabases.uniquePrefix());
    ReferralProgram program =
        ReferralProgram.builder()
            .store(store)
            .offer(JdbcPrograms.OFFER)
            .limits(
                ReferralLimits.builder().programBudget(eur(1000)).maxRewardsPerMonth(10).build())
            .build();
    runWorkload(program, store);
    Set<String> queries = new LinkedHashSet<>();
    for (String logged : probe.log()) {
      // a flush sends its statements as one text, one statement a line
      for (String sql : logged.split(";\n")) {
        if (sql.contains(" WHERE ")) {
          queries.add(sql);
        }
      }
    }
    assertTrue(queries.size() > 30, "queries seen: " + queries.size());

    // when each is explained with sequential scans disabled
    List<String> scans = new ArrayList<>();
    try (Connection c = postgres.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET LOCAL enable_seqscan = off");
      s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
      int n = 0;
      for (String sql : queries) {
        String plan = explain(s, "q" + n++, sql);
        if (plan.contains("Seq Scan")) {
          scans.add(sql + "\n" + plan);
        }
      }
      c.rollback();
    }

    // then
    assertTrue(scans.isEmpty(), "queries that scan a table:\n" + String.join("\n\n", scans));
  }

  private static String explain(Statement s, String name, String sql) throws SQLException {
    StringBuilder numbered = new StringBuilder();
    int params = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        numbered.append('$').append(++params);
      } else {
        numbered.append(ch);
      }
    }
    s.execute("PREPARE " + name + " AS " + numbered);
    String args =
        params == 0 ? "" : "(" + String.join(", ", Collections.nCopies(params, "NULL")) + ")";
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = s.executeQuery("EXPLAIN EXECUTE " + name + args)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    assertFalse(plan.isEmpty());
    return plan.toString();
  }

  private static void runWorkload(ReferralProgram program, JdbcReferralStore store) {
    Referrer jane = customer(program, "Jane");
    // a statistics read first: conversions then read the referrer's statistics with the lead
    Instant start = Instant.EPOCH;
    store.inTransaction(
        tx -> {
          tx.leads().conversionCounts(jane.id(), start, start);
          return tx.rewards().referrerTotals(jane.id(), start, start);
        });
    Lead bob = refer(program, jane, "bob");
    Lead carol = refer(program, jane, "carol");
    Lead dave = refer(program, jane, "dave");
    program.convert(bob.id(), order("order-1", 80));
    program.convert(bob.id(), order("order-2", 20));
    program.move(carol.id(), LeadStatus.CONTACTED, "called");
    program.move(dave.id(), LeadStatus.LOST, "not interested");
    program.refund(Refund.of("refund-1", "order-1", eur(80), Instant.now(), "returned"));
    program.findLeadFor(dev.referral.core.Prospect.withEmail("Carol", "carol@example.org"));
    program.findReferrerByCode(jane.primaryCode().value());
    program.issueCode(jane.id());
    program.recordSatisfaction(jane.id(), 9);
    program.dispatchDueFollowUps();
    program.runMaintenance();
    program.retryFailedDecisions();
    program.sourceReport(Instant.EPOCH, Instant.now().plusSeconds(60), eur(0).currency());
    program.events(Instant.EPOCH, Instant.now().plusSeconds(60));
    Instant now = Instant.now();
    store.inTransaction(
        tx -> {
          ReferrerId r = jane.id();
          LeadId l = bob.id();
          tx.referrers().find(r);
          tx.referrers().findByCode(ReferralCode.parse("ABCD2345"));
          tx.leads().find(l);
          tx.leads().findHolding(List.of("a", "b"));
          tx.leads().findByIdentity(List.of("a"), now);
          tx.leads().findByReferrer(r, now);
          tx.leads().identityKeys(l);
          tx.leads().findExpired(now, 10);
          tx.leads().conversionCounts(r, now, now);
          tx.orders().find(OrderId.of("order-1"));
          tx.rewards().find(RewardId.of("W-1"));
          tx.rewards().findByKey("key");
          tx.rewards().findByOrder(OrderId.of("order-1"));
          tx.rewards().findByLead(l);
          tx.rewards().findByReferrer(r);
          tx.rewards().findReleasable(now, 10);
          tx.rewards().findExpiring(now, 10);
          tx.rewards().lockReferrerTotals(r, now, now);
          tx.rewards().lockReferrerTotals(ReferrerId.of("R-unknown"), now, now);
          tx.rewards().lockProgramTotals();
          tx.followUps().find(FollowUpId.of("F-1"));
          tx.followUps().claimDue(now, 10, "token", now.plusSeconds(60));
          tx.followUps().findPendingByLead(l);
          tx.followUps().findPendingByReferrer(r);
          tx.followUps().findByLead(l);
          tx.followUps().findByReferrer(r);
          tx.followUps().countByStatus();
          tx.events().find(EventId.of("E-1"));
          tx.events().between(now, now);
          tx.decisionFailures().insert(StoreSamples.failure("E-x", now));
          tx.decisionFailures().update(StoreSamples.failure("E-x", now).resolve());
          tx.decisionFailures().find(EventId.of("E-x"));
          tx.decisionFailures().findUnresolved(10);
          return null;
        });
  }
}
