package dev.referral.rules;

import dev.referral.rules.internal.JsonNames;
import java.util.Optional;

/**
 * How a {@link Condition.Compare} compares a {@link Fact} with its values. Which operators a fact
 * accepts depends on its {@link Fact.Type}.
 */
public enum Operator {
  /** The fact equals the value. */
  EQUAL("equal", Arity.ONE),
  /** The fact differs from the value. */
  NOT_EQUAL("notEqual", Arity.ONE),
  /** The fact is below the value. */
  LESS("less", Arity.ONE),
  /** The fact is at most the value. */
  LESS_OR_EQUAL("lessOrEqual", Arity.ONE),
  /** The fact is above the value. */
  GREATER("greater", Arity.ONE),
  /** The fact is at least the value. */
  GREATER_OR_EQUAL("greaterOrEqual", Arity.ONE),
  /** The fact equals one of the values; for a set of texts: the set holds one of them. */
  IN("in", Arity.MANY),
  /** The fact equals none of the values; for a set of texts: the set holds none of them. */
  NOT_IN("notIn", Arity.MANY),
  /** The fact is between the two values, both included. */
  BETWEEN("between", Arity.TWO),
  /** A text contains the value; a set of texts holds the value. */
  CONTAINS("contains", Arity.ONE);

  /** How many values an operator takes. */
  public enum Arity {
    /** Exactly one value. */
    ONE,
    /** Exactly two values: the lower and the upper bound. */
    TWO,
    /** One or more values. */
    MANY
  }

  private final String jsonName;
  private final Arity arity;

  Operator(String jsonName, Arity arity) {
    this.jsonName = jsonName;
    this.arity = arity;
  }

  /** The operator's name in rule files, e.g. {@code "greaterOrEqual"}. */
  public String jsonName() {
    return jsonName;
  }

  /** How many values the operator takes. */
  public Arity arity() {
    return arity;
  }

  /** The operator named {@code jsonName} in rule files, if any. */
  public static Optional<Operator> ofJsonName(String jsonName) {
    return JsonNames.find(values(), Operator::jsonName, jsonName);
  }
}
