package dev.referral.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
  private static final LedgerTotals TWO = new LedgerTotals(2, Map.of());

  private final AtomicInteger countReads = new AtomicInteger();
  private final AtomicInteger totalsReads = new AtomicInteger();

  private PolicyContext split() {
    return new PolicyContext.SnapshotContext(
        NOW,
        ZoneOffset.UTC,
        Optional.empty(),
        Optional.empty(),
        () -> {
          countReads.incrementAndGet();
          return new PeriodCounts(1, 2, 3);
        },
        counts -> {
          totalsReads.incrementAndGet();
          return new ReferrerStats(
              counts.thisMonth(), counts.thisYear(), counts.lifetime(), TWO, TWO, TWO);
        },
        Optional.empty());
  }

  @Test
  void givenASplitContext_whenOnlyTheCountsAreRead_thenTheTotalsAreNeverRead() {
    PolicyContext context = split();
    assertEquals(new PeriodCounts(1, 2, 3), context.conversions());
    assertEquals(new PeriodCounts(1, 2, 3), context.conversions());
    assertEquals(1, countReads.get());
    assertEquals(0, totalsReads.get());
  }

  @Test
  void givenASplitContext_whenTheStatsAreRead_thenTheyHoldTheCountsReadOnce() {
    PolicyContext context = split();
    PeriodCounts counts = context.conversions();
    ReferrerStats stats = context.stats();
    assertEquals(new ReferrerStats(1, 2, 3, TWO, TWO, TWO), stats);
    assertSame(stats, context.stats());
    assertSame(counts, context.conversions());
    assertEquals(1, countReads.get());
    assertEquals(1, totalsReads.get());
  }

  @Test
  void givenAContextWithWholeStats_whenTheCountsAreRead_thenTheyComeFromTheStats() {
    PolicyContext context =
        PolicyContext.builder(NOW).stats(ReferrerStats.ofConversions(4, 5, 6)).build();
    assertEquals(new PeriodCounts(4, 5, 6), context.conversions());
  }
}
