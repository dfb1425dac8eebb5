package dev.referral.examples.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The usual case: 2 or 3 rules apply to each event's type, the rest to other types. */
public class RulesBenchmark extends EngineComparison {

  /** How many rules the set has. */
  @Param({"10", "100", "1000", "10000"})
  public int rules;

  /** Builds and checks the engines. */
  @Setup(Level.Trial)
  public void setUp() {
    prepare(rules, RuleWorkload.Shape.SPREAD);
  }
}
