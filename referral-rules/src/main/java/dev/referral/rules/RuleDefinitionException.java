package dev.referral.rules;

import dev.referral.core.ReferralException;
import java.util.Objects;

/**
 * A rule file is not a valid rule set: malformed JSON, an unknown or duplicate key, an unknown
 * operator or fact, a value of the wrong type, or a value the model rejects. It names the file (or
 * source), the JSON pointer of the offending value, its line and column, and the problem, in the
 * format {@code spring.json at /rules/0/when/op (line 12, column 15): unknown operator 'gte'}.
 */
public final class RuleDefinitionException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String pointer;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * An exception for {@code problem} at {@code pointer} of {@code source}.
   *
   * @param source the file name or source name
   * @param pointer the JSON pointer (RFC 6901) of the offending value, {@code ""} for the root
   * @param line the line, from 1 (0 if unknown)
   * @param column the column, from 1 (0 if unknown)
   * @param problem what is wrong
   * @param cause the underlying error, if any
   */
  public RuleDefinitionException(
      String source, String pointer, int line, int column, String problem, Throwable cause) {
    super(format(source, pointer, line, column, problem), cause);
    this.source = source;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** An exception without an underlying error. See the other constructor. */
  public RuleDefinitionException(
      String source, String pointer, int line, int column, String problem) {
    super(format(source, pointer, line, column, problem));
    this.source = source;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String format(String source, String pointer, int line, int column, String p) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(p, "problem");
    return source
        + " at "
        + (pointer.isEmpty() ? "<root>" : pointer)
        + " (line "
        + line
        + ", column "
        + column
        + "): "
        + p;
  }

  /** The file or source name. */
  public String source() {
    return source;
  }

  /** The JSON pointer of the offending value; {@code ""} for the whole document. */
  public String pointer() {
    return pointer;
  }

  /** The line of the offending value, from 1; 0 if unknown. */
  public int line() {
    return line;
  }

  /** The column of the offending value, from 1; 0 if unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
