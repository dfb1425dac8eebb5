package dev.referral.examples.rules;

import dev.referral.rules.RuleSet;

/** The reward terms as the rule file {@code reward-terms.json} states them. */
class RewardTermsJsonTest extends RewardTermsContract {
  @Override
  RuleSet terms() {
    return RewardTerms.fromJson();
  }
}
