package dev.referral.core.nulls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ReferralProgram;
import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
import dev.referral.core.store.jdbc.internal.Dialect;
import dev.referral.core.store.jdbc.internal.EventCodec;
import dev.referral.core.store.jdbc.internal.JdbcTransaction;
import dev.referral.core.store.jdbc.internal.RecordJson;
import dev.referral.core.store.jdbc.internal.SqlSession;
import dev.referral.core.store.jdbc.internal.SqlTemplates;
import dev.referral.core.store.jdbc.internal.WriteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every public class of referral-core rejects null arguments, naming them (issue 8). */
class CoreNullArgumentTest {

  /**
   * Internal argument checkers: their second parameter is the label of the argument they check,
   * always a literal, and checking it would cost every call of every public method.
   */
  private static final String JDBC =
      "JDBC store plumbing: only JdbcReferralStore calls it, never with null; the store contract"
          + " covers it";

  static final Map<Class<?>, String> NOT_CHECKED =
      Map.ofEntries(
          Map.entry(Checks.class, "argument checker; its name parameter labels another argument"),
          Map.entry(Contacts.class, "argument checker; its name parameter labels another argument"),
          Map.entry(Dialect.class, JDBC),
          Map.entry(EventCodec.class, JDBC),
          Map.entry(JdbcTransaction.class, JDBC),
          Map.entry(RecordJson.class, JDBC),
          Map.entry(SqlSession.class, JDBC),
          Map.entry(SqlSession.RowMapper.class, JDBC),
          Map.entry(SqlTemplates.class, JDBC),
          Map.entry(WriteBuffer.class, JDBC));

  @Test
  void givenEveryPublicClass_whenAReferenceArgumentIsNull_thenANullPointerExceptionNamesIt()
      throws Exception {
    NullArgumentCheck check = CoreSamples.check();
    List<Class<?>> classes =
        NullArgumentCheck.publicClasses(ReferralProgram.class, "dev.referral.core");
    List<String> problems = new ArrayList<>();
    for (Class<?> cls : classes) {
      if (!NOT_CHECKED.containsKey(cls)) {
        problems.addAll(check.problems(cls));
      }
    }
    assertEquals("", String.join("\n", problems));
    // The scan found the whole module, and the exceptions still exist.
    assertTrue(classes.size() > 100, "only " + classes.size() + " classes found");
    assertTrue(classes.containsAll(NOT_CHECKED.keySet()));
  }
}
