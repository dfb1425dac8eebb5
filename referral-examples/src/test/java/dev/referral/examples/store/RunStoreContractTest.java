package dev.referral.examples.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class RunStoreContractTest {
  @Test
  void givenTheShopsStore_whenTheContractRunsFromMain_thenEveryContractTestRunsAndPasses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestExecutionSummary summary =
        RunStoreContract.run(new PrintStream(out, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(summary.getTestsFoundCount() > 0, printed);
    assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount(), printed);
    assertTrue(printed.contains(summary.getTestsSucceededCount() + " tests successful"), printed);
  }
}
