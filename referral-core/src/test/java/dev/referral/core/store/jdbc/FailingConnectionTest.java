package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static dev.referral.core.store.jdbc.JdbcPrograms.refer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.referral.core.ConversionResult;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.spi.StoreException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection closed under the store in the middle of a conversion, at every statement in turn:
 * the error surfaces, nothing is half-written, and the retry succeeds.
 */
class FailingConnectionTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void givenAConnectionClosedAtEachStatement_whenConverting_thenNothingIsHalfWrittenAndARetryWorks(
      String db) {
    // given a program whose connections can be closed under it, and an observer on healthy ones
    DataSource real = db.equals("h2") ? TestDatabases.newH2() : TestDatabases.newPostgresPool(2);
    String prefix = TestDatabases.uniquePrefix();
    ProbeDataSource probe = new ProbeDataSource(real);
    ReferralProgram program = JdbcPrograms.program(JdbcPrograms.store(probe.dataSource(), prefix));
    ReferralProgram observer = JdbcPrograms.program(JdbcPrograms.store(real, prefix));
    Referrer jane = customer(program, "Jane");
    Lead lead = refer(program, jane, "bob");
    int followUps = observer.followUpsOf(jane.id()).size();
    int rewards = observer.rewardsFor(lead.id()).size();
    int events = observer.events(Instant.EPOCH, Instant.now().plusSeconds(60)).size();

    int failuresSeen = 0;
    ConversionResult result = null;
    for (int at = 1; result == null; at++) {
      probe.failAt(at);
      try {
        // when
        result = program.convert(lead.id(), order("order-1", 80));
      } catch (StoreException e) {
        // then the error surfaces, and nothing of the conversion is visible
        failuresSeen++;
        assertEquals(LeadStatus.REFERRED, observer.lead(lead.id()).status(), "after " + at);
        assertEquals(rewards, observer.rewardsFor(lead.id()).size(), "after " + at);
        assertEquals(followUps, observer.followUpsOf(jane.id()).size(), "after " + at);
        assertEquals(
            events,
            observer.events(Instant.EPOCH, Instant.now().plusSeconds(60)).size(),
            "after " + at);
      }
      if (at > 200) {
        fail("the conversion never got through");
      }
    }
    probe.heal();

    // and the attempt that no longer failed converted the lead once
    assertEquals(probe.failures(), failuresSeen);
    // PostgreSQL sends the writes of a flush in one round trip: fewer points to fail at
    int points = db.equals("h2") ? 5 : 3;
    assertTrue(failuresSeen >= points, "failed at " + failuresSeen + " points");
    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
    assertEquals(LeadStatus.CONVERTED, observer.lead(lead.id()).status());
    assertEquals(rewards + 1, observer.rewardsFor(lead.id()).size(), "the referrer's reward");
  }
}
