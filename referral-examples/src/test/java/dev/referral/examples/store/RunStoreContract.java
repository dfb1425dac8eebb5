package dev.referral.examples.store;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the store contract against your store ({@link MyStoreContractTest}) from a {@code main},
 * with the JUnit Platform launcher, and prints the summary. The build runs the same class as an
 * ordinary test.
 *
 * <p>Run it with {@code mvn -q -pl referral-examples -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.referral.examples.store.RunStoreContract}.
 */
public final class RunStoreContract {
  private RunStoreContract() {}

  /** Runs the contract suite, printing the summary and any failures to {@code out}. */
  public static TestExecutionSummary run(PrintStream out) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(MyStoreContractTest.class))
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    summary.printTo(writer);
    summary.printFailuresTo(writer, 10);
    writer.flush();
    return summary;
  }

  /** Runs the contract suite; fails if any contract test failed. */
  public static void main(String[] args) {
    TestExecutionSummary summary = run(System.out);
    if (summary.getTotalFailureCount() > 0) {
      throw new IllegalStateException(
          summary.getTotalFailureCount() + " store contract tests failed, see above");
    }
  }
}
