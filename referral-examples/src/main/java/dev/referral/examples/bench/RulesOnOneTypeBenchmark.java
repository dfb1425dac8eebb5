package dev.referral.examples.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Every rule applies to conversions, the only type of the stream: with 3 rules, the case of 3
 * applicable rules; with more, the worst case, where indexing by event type saves nothing.
 */
public class RulesOnOneTypeBenchmark extends EngineComparison {

  /** How many rules the set has, all on conversions. */
  @Param({"3", "100", "1000", "10000"})
  public int rulesOnOneType;

  /** Builds and checks the engines. */
  @Setup(Level.Trial)
  public void setUp() {
    prepare(rulesOnOneType, RuleWorkload.Shape.ONE_TYPE);
  }
}
