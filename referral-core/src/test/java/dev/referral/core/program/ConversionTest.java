package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Beneficiary;
import dev.referral.core.ConversionResult;
import dev.referral.core.ConversionResult.Outcome;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralException;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.RepeatPurchase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConversionTest {
  final Fixture f = new Fixture();

  @ParameterizedTest
  @EnumSource(
      value = LeadStatus.class,
      names = {"REFERRED", "CONTACTED", "QUALIFIED"})
  void shouldConvertALeadFromAnyOpenState(LeadStatus open) {
    // given
    Referrer jane = f.customer("Jane");
    Lead lead = f.refer(jane);
    if (open != LeadStatus.REFERRED) {
      f.program.move(lead.id(), LeadStatus.CONTACTED, "");
    }
    if (open == LeadStatus.QUALIFIED) {
      f.program.move(lead.id(), LeadStatus.QUALIFIED, "");
    }
    // when
    Purchase purchase = f.order(120).withItems(Set.of("SKU-1"), Set.of("shoes"));
    ConversionResult result = f.program.convert(lead.id(), purchase);
    // then
    assertEquals(Outcome.CONVERTED, result.outcome());
    assertFalse(result.replayed());
    assertEquals(LeadStatus.CONVERTED, result.lead().status());
    assertEquals(purchase.orderId(), result.lead().conversion().orElseThrow().orderId());
    assertEquals(eur(120), result.lead().conversion().get().amount());
    assertEquals(1, result.rewards().size());
    Reward reward = result.rewards().get(0);
    assertEquals(Beneficiary.REFERRER, reward.beneficiary());
    assertEquals(Incentive.credit(eur(10)), reward.incentive());
    assertEquals(RewardStatus.ISSUED, reward.status());
    LeadConverted event = f.events(LeadConverted.class).get(0);
    assertEquals(open, event.from());
    assertEquals(purchase, event.purchase());
  }

  @Test
  void shouldReturnTheEarlierResultForAnOrderSeenBefore() {
    Lead lead = f.refer(f.customer("Jane"));
    Purchase purchase = f.order(80);
    ConversionResult first = f.program.convert(lead.id(), purchase);
    int events = f.events().size();

    ConversionResult again = f.program.convert(lead.id(), purchase);

    assertTrue(again.replayed());
    assertEquals(first.outcome(), again.outcome());
    assertEquals(first.lead(), again.lead());
    assertEquals(first.rewards(), again.rewards());
    assertEquals(events, f.events().size());
  }

  @Test
  void shouldRefuseAnOrderIdAlreadyRecordedForAnotherLead() {
    Referrer jane = f.customer("Jane");
    Lead first = f.refer(jane);
    Lead second = f.refer(jane);
    Purchase purchase = f.order(80);
    f.program.convert(first.id(), purchase);

    ReferralException e =
        assertThrows(ReferralException.class, () -> f.program.convert(second.id(), purchase));

    assertEquals(
        "order "
            + purchase.orderId()
            + " was already recorded for lead "
            + first.id()
            + ", not lead "
            + second.id(),
        e.getMessage());
    assertEquals(LeadStatus.REFERRED, f.program.lead(second.id()).status());
  }

  @Test
  void shouldRecordALaterOrderAsARepeatPurchaseNotASecondConversion() {
    Lead lead = f.refer(f.customer("Jane"));
    f.program.convert(lead.id(), f.order(80));
    f.advance(Duration.ofDays(3));

    ConversionResult repeat = f.program.convert(lead.id(), f.order(40));

    assertEquals(Outcome.REPEAT_PURCHASE, repeat.outcome());
    assertTrue(repeat.rewards().isEmpty());
    assertEquals(1, f.events(LeadConverted.class).size());
    assertEquals(1, f.events(RepeatPurchase.class).size());
    assertEquals(2, f.program.lead(lead.id()).version());
  }

  @Test
  void shouldAttributeNothingAfterTheWindowAndExpireTheLead() {
    Lead lead = f.refer(f.customer("Jane"));
    f.advance(Duration.ofDays(91));

    ConversionResult result = f.program.convert(lead.id(), f.order(80));

    assertEquals(Outcome.NOT_ATTRIBUTED, result.outcome());
    assertEquals(LeadStatus.EXPIRED, result.lead().status());
    assertTrue(result.rewards().isEmpty());
  }

  @Test
  void shouldAttributeNothingToALostLeadOrAnOrderPlacedBeforeTheReferral() {
    Referrer jane = f.customer("Jane");
    Lead lost = f.refer(jane);
    f.program.move(lost.id(), LeadStatus.LOST, "");
    Lead open = f.refer(jane);

    ConversionResult onLost = f.program.convert(lost.id(), f.order(80));
    ConversionResult early =
        f.program.convert(
            open.id(), Purchase.of("O-EARLY", eur(50), Fixture.START.minus(Duration.ofDays(1))));

    assertEquals(Outcome.NOT_ATTRIBUTED, onLost.outcome());
    assertEquals(LeadStatus.LOST, onLost.lead().status());
    assertEquals(Outcome.NOT_ATTRIBUTED, early.outcome());
    assertEquals(LeadStatus.REFERRED, early.lead().status());
  }

  @Test
  void shouldGiveTheFriendTheirIncentiveWhenReferred() {
    Lead lead = f.refer(f.customer("Jane"));

    List<Reward> rewards = f.program.rewardsFor(lead.id());

    assertEquals(1, rewards.size());
    assertEquals(Beneficiary.PROSPECT, rewards.get(0).beneficiary());
    assertEquals(Incentive.percentDiscount("10"), rewards.get(0).incentive());
    assertTrue(rewards.get(0).value().isEmpty());
  }
}
