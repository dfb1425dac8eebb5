package dev.referral.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.rules.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomRulesTest {
  @Test
  void givenThreeOrders_whenExplained_thenEachShowsWhichTermsFiredAndWhy() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    List<Evaluation> evaluations =
        CustomRules.run(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(
        List.of("customer credit", "fifth referral gift card"), evaluations.get(0).fired());
    assertEquals(List.of(), evaluations.get(1).fired());
    assertEquals(List.of("partner commission"), evaluations.get(2).fired());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("The rule file and the Java DSL agree: true"), printed);
    assertTrue(printed.contains("order.amount greaterOrEqual 30.00 EUR -> FALSE (read 20.00 EUR)"));
  }
}
