package dev.referral.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.LeadStatus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class HostTransactionExampleTest {
  @Test
  void givenTheShopsTransaction_whenItRollsBackThenCommits_thenTheConversionFollowsTheOrder()
      throws SQLException {
    HostTransactionExample.Result result =
        HostTransactionExample.run(new PrintStream(OutputStream.nullOutputStream()));

    // the declined checkout left nothing: no order row, the lead open, only the friend's discount
    assertEquals(LeadStatus.REFERRED, result.afterRollback().status());
    assertEquals(0, result.ordersAfterRollback());
    assertEquals(1, result.rewardsAfterRollback());
    // the paid one committed the order and the conversion together
    assertEquals(LeadStatus.CONVERTED, result.afterCommit().status());
    assertEquals(1, result.ordersAfterCommit());
    assertEquals(2, result.rewardsAfterCommit());
    assertEquals("order-1", result.afterCommit().conversion().orElseThrow().orderId().value());
  }
}
