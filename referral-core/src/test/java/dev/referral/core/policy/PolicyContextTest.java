package dev.referral.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.LedgerTotals;
import dev.referral.core.ReferrerStats;
import dev.referral.core.spi.PeriodCounts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyContextTest {
  private static final Instant NOW = Instant.parse("2025-03-12T09:00:00Z");

  @Test
  void givenAContextWithWholeStats_whenTheCountsAreRead_thenTheyComeFromTheStats() {
    PolicyContext context =
        PolicyContext.builder(NOW).stats(ReferrerStats.ofConversions(4, 5, 6)).build();
    assertEquals(new PeriodCounts(4, 5, 6), context.conversions());
  }

  @Test
  void givenASnapshotContext_whenCountsAndStatsAreRead_thenItsStatsAreReadOnce() {
    AtomicInteger reads = new AtomicInteger();
    LedgerTotals two = new LedgerTotals(2, Map.of());
    PolicyContext context =
        new PolicyContext.SnapshotContext(
            NOW,
            ZoneOffset.UTC,
            Optional.empty(),
            Optional.empty(),
            () -> {
              reads.incrementAndGet();
              return new ReferrerStats(1, 2, 3, two, two, two);
            },
            Optional.empty());
    assertEquals(new PeriodCounts(1, 2, 3), context.conversions());
    assertEquals(new ReferrerStats(1, 2, 3, two, two, two), context.stats());
    assertEquals(new PeriodCounts(1, 2, 3), context.conversions());
    assertEquals(1, reads.get());
  }
}
