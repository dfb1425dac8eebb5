package dev.referral.examples.rules;

import dev.referral.rules.RuleSet;

/** The reward terms as the Java DSL states them. */
class RewardTermsDslTest extends RewardTermsContract {
  @Override
  RuleSet terms() {
    return RewardTerms.inJava();
  }
}
