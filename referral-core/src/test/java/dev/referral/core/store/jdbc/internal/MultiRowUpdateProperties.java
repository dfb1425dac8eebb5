package dev.referral.core.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.referral.core.json.internal.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The multi-row versioned update's kept texts are the texts built from the values, and its
 * parameters stay the same values once times go as text.
 */
class MultiRowUpdateProperties {

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Object.class::cast),
        Arbitraries.integers().map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.longs()
            .between(0, 253_402_300_799L)
            .flatMap(
                s ->
                    Arbitraries.integers()
                        .between(0, 999_999_999)
                        .map(n -> Instant.ofEpochSecond(s, n)))
            .map(Object.class::cast),
        Arbitraries.bigDecimals().map(Object.class::cast),
        Arbitraries.strings().ofMaxLength(10).map(Object.class::cast),
        Arbitraries.of(SqlSession.Null.TEXT, SqlSession.Null.TIME, SqlSession.Null.NUMBER)
            .map(Object.class::cast));
  }

  @Property
  void givenAnyRows_whenTheTextIsTaken_thenItIsTheTextBuiltFromTheValuesAndKeptAsOne(
      @ForAll @Size(min = 1, max = 3) List<@From("columns") String> columns,
      @ForAll @IntRange(min = 1, max = 4) int rows,
      @ForAll @Size(min = 20, max = 20) List<@From("values") Object> pool) {
    String template =
        "UPDATE {follow_up} SET version = ?, "
            + String.join(" = ?, ", columns)
            + " = ? WHERE id = ? AND version = ?";
    int width = columns.size() + 3;
    Object[] params = new Object[rows * width];
    for (int i = 0; i < params.length; i++) {
      params[i] = pool.get(i % pool.size());
    }
    WriteBuffer.Versioned v = new WriteBuffer.Versioned("follow_up", "id", "follow-up", "f1", 2);

    String text = WriteBuffer.MultiRowUpdate.text(template, v, width, params);

    assertEquals(reference(template, v, width, params), text);
    String again = WriteBuffer.MultiRowUpdate.text(template, v, width, params.clone());
    assertEquals(text, again);
  }

  @Property
  void givenRowsWithTimes_whenTheTextIsTakenTwice_thenTheSameStringComesBack(
      @ForAll @Size(min = 6, max = 6) List<@From("values") Object> row) {
    String template =
        "UPDATE {follow_up} SET version = ?, a = ?, b = ?, c = ? WHERE id = ? AND version = ?";
    WriteBuffer.Versioned v = new WriteBuffer.Versioned("follow_up", "id", "follow-up", "f1", 2);
    Object[] params = row.toArray();

    assertSame(
        WriteBuffer.MultiRowUpdate.text(template, v, 6, params),
        WriteBuffer.MultiRowUpdate.text(template, v, 6, params));
  }

  @Property
  void givenAnyParameters_whenCast_thenTimesAreTheirMicrosecondTextAndNullTimesNullText(
      @ForAll @Size(max = 30) List<@From("values") Object> values) {
    Object[] params = values.toArray();

    WriteBuffer.MultiRowUpdate.castParams(params);

    for (int i = 0; i < params.length; i++) {
      Object before = values.get(i);
      if (before instanceof Instant instant) {
        assertEquals(Instants.format(SqlSession.toMicros(instant)), params[i]);
        assertEquals(SqlSession.toMicros(instant), Instant.parse((String) params[i]));
      } else if (before == SqlSession.Null.TIME) {
        assertEquals(SqlSession.Null.TEXT, params[i]);
      } else {
        assertSame(before, params[i]);
      }
    }
  }

  @Provide
  Arbitrary<String> columns() {
    return Arbitraries.of("status", "actionable_at", "doc", "amount", "flag");
  }

  /** The text as built before it was kept: from the values, each cast to its type. */
  private static String reference(
      String template, WriteBuffer.Versioned v, int width, Object[] params) {
    String set = template.substring(template.indexOf(" SET ") + 5, template.lastIndexOf(" WHERE "));
    List<String> columns = new ArrayList<>();
    for (String assignment : set.split(", ")) {
      columns.add(assignment.substring(0, assignment.indexOf(" = ?")).strip());
    }
    StringBuilder sql = new StringBuilder("UPDATE {").append(v.table()).append("} AS t SET ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = v.c").append(i);
    }
    sql.append(" FROM (VALUES ");
    for (int r = 0; r < params.length / width; r++) {
      sql.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < width; i++) {
        sql.append(i == 0 ? "" : ", ")
            .append("CAST(? AS ")
            .append(sqlType(params[r * width + i]))
            .append(')');
      }
      sql.append(')');
    }
    sql.append(") AS v(");
    for (int i = 0; i < columns.size(); i++) {
      sql.append('c').append(i).append(", ");
    }
    return sql.append("id, prev) WHERE t.")
        .append(v.idColumn())
        .append(" = v.id AND t.version = v.prev RETURNING t.")
        .append(v.idColumn())
        .toString();
  }

  private static String sqlType(Object value) {
    if (value instanceof Long) {
      return "BIGINT";
    } else if (value instanceof Integer) {
      return "INTEGER";
    } else if (value instanceof Boolean) {
      return "BOOLEAN";
    } else if (value instanceof Instant || value == SqlSession.Null.TIME) {
      return "TIMESTAMP WITH TIME ZONE";
    } else if (value instanceof BigDecimal || value == SqlSession.Null.NUMBER) {
      return "NUMERIC";
    }
    return "TEXT";
  }
}
