package dev.referral.examples.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Process CPU time per operation ({@code cpu.time.norm}, ns/op), beside JMH's wall-clock scores. On
 * a machine whose cores are shared with other work, wall-clock time includes the time the benchmark
 * waited for a core; CPU time does not (it still includes JIT and GC threads, and per-invocation
 * setup, like {@code gc.alloc.rate.norm}).
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private long before;

  /** Reads the process CPU time at the start of each iteration. */
  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = processCpuNanos();
  }

  /** The process CPU time of the iteration per operation. */
  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - before;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** A one-line description for JMH's profiler list. */
  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
