package dev.referral.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Beneficiary;
import dev.referral.core.ConversionResult;
import dev.referral.core.Incentive;
import dev.referral.core.Money;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void shouldConvertBobAndRewardJane() {
    ConversionResult result = QuickStart.run();

    assertEquals(ConversionResult.Outcome.CONVERTED, result.outcome());
    assertEquals(1, result.rewards().size());
    assertEquals(Beneficiary.REFERRER, result.rewards().get(0).beneficiary());
    assertEquals(Incentive.credit(Money.of(10, "EUR")), result.rewards().get(0).incentive());
  }
}
