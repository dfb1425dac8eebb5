package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.ConversionResult;
import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.faults.FaultInjectingStore;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.ReferralPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which of the referrer's statistics a conversion reads, by what its policy asks for. */
class StatsReadsTest {
  private static final String COUNTS = "LeadRepository.conversionCounts";
  private static final String TOTALS = "RewardRepository.referrerTotals";

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /**
   * Converts two leads of one referrer under a policy that grants a 5 EUR credit on conversions for
   * which {@code when} holds, and returns the second conversion, whose store calls {@link #calls}
   * holds.
   */
  private ConversionResult convertSecond(Predicate<PolicyContext> when) {
    ReferralPolicy policy =
        (event, context) ->
            event instanceof LeadConverted && when.test(context)
                ? List.of(GrantReward.toReferrer(Incentive.credit(eur(5)), "counted"))
                : List.of();
    FaultInjectingStore recording = new FaultInjectingStore(Fixture.newStore());
    recording.onCall(calls::add);
    ReferralProgram program = ReferralProgram.builder().store(recording).policy(policy).build();
    String code =
        program
            .enrol(Enrolment.customer("Anna").email("anna@example.com").build())
            .primaryCode()
            .value();
    for (int i = 1; ; i++) {
      Prospect friend = Prospect.withEmail("Friend " + i, "friend" + i + "@example.org");
      calls.clear();
      ConversionResult result =
          program.convert(
              program.refer(code, friend).id(),
              Purchase.of("O-" + i, eur(50), program.clock().instant()));
      if (i == 2) {
        return result;
      }
    }
  }

  @Test
  void givenAPolicyThatCountsConversions_whenConverting_thenTheRewardTotalsAreNotRead() {
    ConversionResult second = convertSecond(context -> context.conversions().lifetime() == 2);
    assertEquals(1, second.rewards().size());
    assertEquals(1, Collections.frequency(calls, COUNTS), calls.toString());
    assertEquals(0, Collections.frequency(calls, TOTALS), calls.toString());
  }

  @Test
  void givenAPolicyThatReadsRewardTotals_whenConverting_thenCountsAndTotalsAreReadOnce() {
    ConversionResult second =
        convertSecond(
            context ->
                context.stats().rewardsLifetime().count() == 0
                    && context.conversions().lifetime() == 2
                    && context.stats().conversionsLifetime() == 2);
    assertEquals(1, second.rewards().size());
    assertEquals(1, Collections.frequency(calls, COUNTS), calls.toString());
    assertEquals(1, Collections.frequency(calls, TOTALS), calls.toString());
  }
}
