package dev.referral.examples.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The worst case: every rule applies to conversions, the only type of the stream. */
public class RulesWorstCaseBenchmark extends EngineComparison {

  /** How many rules the set has, all on conversions. */
  @Param({"10", "100", "1000", "10000"})
  public int rulesOnOneType;

  /** Builds and checks the engines. */
  @Setup(Level.Trial)
  public void setUp() {
    prepare(rulesOnOneType, RuleWorkload.Shape.ONE_TYPE);
  }
}
