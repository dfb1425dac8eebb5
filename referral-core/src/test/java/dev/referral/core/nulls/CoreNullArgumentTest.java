package dev.referral.core.nulls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.ReferralProgram;
import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
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
  static final Map<Class<?>, String> NOT_CHECKED =
      Map.of(
          Checks.class, "argument checker; its name parameter labels another argument",
          Contacts.class, "argument checker; its name parameter labels another argument");

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
