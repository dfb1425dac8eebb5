package dev.referral.examples.rules;

import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.Evaluation;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.RuleSet;
import dev.referral.rules.testing.TestData;
import java.io.PrintStream;
import java.util.List;

/**
 * Custom reward terms: load the shop's rule file, check that it says what the Java version says,
 * and ask the engine why each rule fires or not on three orders.
 *
 * <p>Run it with {@code mvn -q -pl referral-examples -am test-compile exec:java
 * -Dexec.mainClass=dev.referral.examples.rules.CustomRules}.
 */
public final class CustomRules {
  private CustomRules() {}

  /** Prints the explanations to {@code out} and returns them: one per order. */
  public static List<Evaluation> run(PrintStream out) {
    RuleSet terms = RewardTerms.fromJson();
    out.println("The rule file and the Java DSL agree: " + terms.equals(RewardTerms.inJava()));
    RuleEngine engine = RuleEngine.of(terms);

    Referrer anna = TestData.customer("anna");
    Lead annasFriend = TestData.leadOf(anna);
    Referrer studio = TestData.partner("studio");
    Lead student = TestData.leadOf(studio);
    List<Evaluation> evaluations =
        List.of(
            engine.explain(
                TestData.converted(annasFriend, Money.of(80, "EUR")),
                context(anna, annasFriend, ReferrerStats.ofConversions(2, 5, 5))),
            engine.explain(
                TestData.converted(annasFriend, Money.of(20, "EUR")),
                context(anna, annasFriend, ReferrerStats.ofConversions(1, 1, 1))),
            engine.explain(
                TestData.converted(student, Money.of(150, "EUR")),
                context(studio, student, ReferrerStats.ofConversions(1, 1, 1))));
    String[] titles = {
      "Anna's fifth friend buys for 80 EUR:",
      "Anna's friend buys for 20 EUR:",
      "A yoga studio's student buys for 150 EUR:"
    };
    for (int i = 0; i < evaluations.size(); i++) {
      out.println();
      out.println(titles[i]);
      out.println(evaluations.get(i).describe());
    }
    return evaluations;
  }

  private static PolicyContext context(Referrer referrer, Lead lead, ReferrerStats stats) {
    return PolicyContext.builder(TestData.NOW).referrer(referrer).lead(lead).stats(stats).build();
  }

  /** Runs the example. */
  public static void main(String[] args) {
    run(System.out);
  }
}
