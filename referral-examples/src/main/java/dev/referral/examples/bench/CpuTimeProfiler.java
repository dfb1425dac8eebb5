package dev.referral.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * CPU time per operation, beside JMH's wall-clock scores: {@code cpu.worker.norm} counts the
 * benchmark's own threads, {@code cpu.process.norm} the whole JVM (JIT compiler and GC included).
 * On a machine whose cores are shared with other work, wall-clock time includes the time a
 * benchmark thread waited for a core; CPU time does not. Both include per-invocation setup, like
 * {@code gc.alloc.rate.norm}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final String WORKER = "jmh-worker";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long processBefore;
  private long workersBefore;

  /** Reads the CPU times at the start of each iteration. */
  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    processBefore = processCpuNanos();
    workersBefore = workerCpuNanos();
  }

  /** The CPU times of the iteration per operation. */
  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = processCpuNanos() - processBefore;
    long workers = workerCpuNanos() - workersBefore;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.worker.norm", (double) workers / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult(
            "cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** A one-line description for JMH's profiler list. */
  @Override
  public String getDescription() {
    return "CPU time per operation, of the benchmark threads and of the process";
  }

  /** The CPU time of the benchmark threads so far (they live as long as the fork). */
  private long workerCpuNanos() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
