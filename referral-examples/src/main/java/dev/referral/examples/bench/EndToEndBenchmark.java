package dev.referral.examples.bench;

import dev.referral.core.ConversionResult;
import dev.referral.core.DispatchSummary;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.testing.SettableClock;
import dev.referral.rules.RuleEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The program facade end to end, in memory, with the shop's 20 rules: operations per second of
 * {@code refer}, {@code convert} and {@code dispatchDueFollowUps}. Each measurement starts from a
 * fresh program with 1,000 referrers, so the store does not grow without bound, built after the
 * previous one has been collected. Referrals and conversions run on the system clock, as in
 * production: a clock that stands still would make every follow-up due at the same instant, which
 * no shop sees.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1) // the whole program's path takes longer to compile
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EndToEndBenchmark {
  static final int REFERRERS = 1_000;

  /** Conversions and follow-ups measured per invocation of the batch benchmarks. */
  static final int BATCH = 10_000;

  /** A fresh program per iteration, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    ReferralProgram program;
    List<String> codes;
    final AtomicLong referrals = new AtomicLong();

    /** A fresh program and its referrers. */
    @Setup(Level.Iteration)
    public void setUp() {
      program = null;
      collectThePreviousProgram();
      program = ShopPrograms.shop(Clock.systemUTC());
      codes = ShopPrograms.enrol(program, REFERRERS);
    }

    Lead referNext() {
      long n = referrals.incrementAndGet();
      return program.refer(request(codes, n));
    }
  }

  /**
   * Collects the program that the setup just dropped, before it builds the next one, untimed. Each
   * measurement replaces a whole program (a shop's store lives as long as the shop's process), and
   * without this the dropped programs of earlier batches sit in the old generation until G1 cleans
   * them up, and the measured operations pay for that (a young generation shrunk by a full old one,
   * concurrent cycles started by the next big table): BENCHMARKS.md has the measurements.
   */
  static void collectThePreviousProgram() {
    System.gc();
  }

  static ReferralRequest request(List<String> codes, long n) {
    return new ReferralRequest(
        codes.get((int) (n % codes.size())),
        Prospect.withEmail("Prospect " + n, "prospect" + n + "@example.com"),
        ShopPrograms.source(n));
  }

  /** One referral. */
  @Benchmark
  @Threads(1)
  public Lead refer(Shared shared) {
    return shared.referNext();
  }

  /** One referral, on each of two threads. */
  @Benchmark
  @Threads(2)
  public Lead refer2Threads(Shared shared) {
    return shared.referNext();
  }

  /** A referral and its conversion: a whole successful referral. */
  @Benchmark
  @Threads(1)
  public ConversionResult referAndConvert(Shared shared) {
    return convertNew(shared);
  }

  /** A referral and its conversion, on each of two threads. */
  @Benchmark
  @Threads(2)
  public ConversionResult referAndConvert2Threads(Shared shared) {
    return convertNew(shared);
  }

  private static ConversionResult convertNew(Shared shared) {
    Lead lead = shared.referNext();
    return shared.program.convert(
        lead.id(), Purchase.of("order-" + lead.id().value(), ShopPrograms.EUR_80, Instant.now()));
  }

  /** {@link #BATCH} leads referred before each invocation, to be converted by it. */
  @State(Scope.Thread)
  public static class OpenLeads {
    ReferralProgram program;
    LeadId[] leads;
    Purchase[] purchases;

    /** A fresh program with {@link #BATCH} open leads. */
    @Setup(Level.Invocation)
    public void setUp() {
      program = null;
      collectThePreviousProgram();
      program = ShopPrograms.shop(Clock.systemUTC());
      List<String> codes = ShopPrograms.enrol(program, REFERRERS);
      leads = new LeadId[BATCH];
      purchases = new Purchase[BATCH];
      for (int i = 0; i < BATCH; i++) {
        leads[i] = program.refer(request(codes, i)).id();
        purchases[i] = Purchase.of("order-" + i, ShopPrograms.EUR_80, Instant.now());
      }
    }
  }

  /** Conversions of open leads, each with its rewards, events and follow-ups. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int convert(OpenLeads state) {
    int rewards = 0;
    for (int i = 0; i < BATCH; i++) {
      rewards += state.program.convert(state.leads[i], state.purchases[i]).rewards().size();
    }
    return rewards;
  }

  /** {@link #BATCH} follow-ups due before each invocation, to be delivered by it. */
  @State(Scope.Thread)
  public static class DueFollowUps {
    ReferralProgram program;
    final LongAdder delivered = new LongAdder();

    /**
     * A fresh program in which {@code BATCH / 2} referrals scheduled two follow-ups each (contact
     * and nurture the lead), all due.
     */
    @Setup(Level.Invocation)
    public void setUp() {
      program = null;
      collectThePreviousProgram();
      SettableClock clock = SettableClock.at(ShopPrograms.START);
      program =
          ShopPrograms.program(
              RuleEngine.of(ShopPrograms.shopRules()), clock, n -> delivered.increment());
      List<String> codes = ShopPrograms.enrol(program, REFERRERS);
      program.dispatchDueFollowUps(); // the referrers' onboarding messages
      for (int i = 0; i < BATCH / 2; i++) {
        // Source "link": no thank-you, so exactly two follow-ups per referral.
        program.refer(new ReferralRequest(request(codes, i).code(), prospect(i), "link"));
      }
      clock.advance(Duration.ofDays(8));
      delivered.reset();
    }

    private static Prospect prospect(int i) {
      return Prospect.withEmail("Prospect " + i, "prospect" + i + "@example.com");
    }
  }

  /** Delivery of due follow-ups through the notifier, each recorded as sent. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long dispatchDueFollowUps(DueFollowUps state) {
    DispatchSummary summary;
    do {
      summary = state.program.dispatchDueFollowUps();
    } while (summary.sent() > 0);
    long sent = state.delivered.sum();
    if (sent != BATCH) {
      throw new IllegalStateException("delivered " + sent + " follow-ups, expected " + BATCH);
    }
    return sent;
  }
}
