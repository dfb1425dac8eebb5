package dev.referral.examples.bench;

import dev.referral.core.policy.Decision;
import dev.referral.rules.RuleEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our rules engine against Easy Rules: the same rules on the same pre-generated stream of events,
 * one event per operation. Subclasses choose the workload; {@link #prepare} checks that both
 * engines decide identically on the whole stream before anything is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public abstract class EngineComparison {
  private RuleWorkload.Sample[] stream;
  private RuleEngine ours;
  private EasyRulesPolicy easy;
  private int next;

  /** Builds both engines for the workload and checks that they agree on its whole stream. */
  protected void prepare(int rules, RuleWorkload.Shape shape) {
    RuleWorkload workload = new RuleWorkload(rules, shape);
    ours = workload.ruleEngine();
    easy = workload.easyRules();
    if (RuleWorkload.checkAgree(workload, ours, easy) == 0) {
      throw new IllegalStateException("no rule fired on the stream: nothing would be compared");
    }
    stream = workload.stream().toArray(new RuleWorkload.Sample[0]);
  }

  private RuleWorkload.Sample nextSample() {
    return stream[next++ & (RuleWorkload.STREAM_SIZE - 1)];
  }

  /** One event through our engine, tracing off. */
  @Benchmark
  public List<Decision> referralRules() {
    RuleWorkload.Sample s = nextSample();
    return ours.decide(s.event(), s.context());
  }

  /** One event through Easy Rules. */
  @Benchmark
  public List<Decision> easyRules() {
    RuleWorkload.Sample s = nextSample();
    return easy.decide(s.event(), s.context());
  }
}
