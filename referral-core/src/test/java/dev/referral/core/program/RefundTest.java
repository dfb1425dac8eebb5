package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.CurrencyMismatchException;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.Refund;
import dev.referral.core.RefundResult;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.OrderRefunded;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.policy.ReferralPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefundTest {
  final Fixture f = new Fixture();

  private Refund refund(String id, Purchase order, long amount) {
    return new Refund(
        dev.referral.core.RefundId.of(id),
        order.orderId(),
        eur(amount),
        f.clock.instant(),
        "returned");
  }

  @Test
  void shouldRevokeTheRewardsOfAFullyRefundedOrderWithinTheClawbackWindow() {
    // given
    Lead lead = f.refer(f.customer("Jane"));
    Purchase order = f.order(100);
    Reward reward = f.program.convert(lead.id(), order).rewards().get(0);
    f.advance(Duration.ofDays(10));
    // when
    RefundResult result = f.program.refund(refund("RF-1", order, 100));
    // then
    assertTrue(result.withinClawback());
    assertEquals(1, result.revoked().size());
    Reward revoked = f.program.reward(reward.id());
    assertEquals(RewardStatus.REVOKED, revoked.status());
    assertEquals("order " + order.orderId() + " refunded: returned", revoked.note().orElseThrow());
    OrderRefunded event = f.events(OrderRefunded.class).get(0);
    assertEquals(eur(100), event.refundedTotal());
    assertTrue(event.withinClawback());
  }

  @Test
  void shouldKeepRewardsWhenTheRefundComesAfterTheClawbackWindow() {
    Lead lead = f.refer(f.customer("Jane"));
    Purchase order = f.order(100);
    Reward reward = f.program.convert(lead.id(), order).rewards().get(0);
    f.advance(Duration.ofDays(31));

    RefundResult result = f.program.refund(refund("RF-1", order, 100));

    assertFalse(result.withinClawback());
    assertTrue(result.revoked().isEmpty());
    assertEquals(RewardStatus.ISSUED, f.program.reward(reward.id()).status());
    assertFalse(f.events(OrderRefunded.class).get(0).withinClawback());
  }

  @Test
  void shouldReduceACommissionInProportionToAPartialRefundAndRevokeItWhenFullyRefunded() {
    ReferralPolicy commission =
        Fixture.onConversion(Incentive.commission("10"), "partner commission");
    Fixture p = new Fixture(b -> b.policy(commission));
    Referrer bakery = p.partner("Corner Bakery");
    Lead lead = p.refer(bakery);
    Purchase order = Purchase.of("O-1", eur(250), p.clock.instant());
    Reward reward = p.program.convert(lead.id(), order).rewards().get(0);
    assertEquals(eur(25), reward.value().orElseThrow());

    RefundResult partial =
        p.program.refund(
            Refund.of(
                "RF-1", "O-1", Money.of("50.00", "EUR"), p.clock.instant(), "one item returned"));
    assertEquals(eur(20), partial.adjusted().get(0).value().orElseThrow());
    RewardAdjusted adjusted = p.events(RewardAdjusted.class).get(0);
    assertEquals(eur(25), adjusted.from());
    assertEquals(eur(20), adjusted.to());

    p.program.refund(Refund.of("RF-2", "O-1", eur(25), p.clock.instant(), "another item"));
    assertEquals(Money.of("17.50", "EUR"), p.program.reward(reward.id()).value().orElseThrow());

    RefundResult rest =
        p.program.refund(Refund.of("RF-3", "O-1", eur(175), p.clock.instant(), "all back"));
    assertEquals(RewardStatus.REVOKED, rest.revoked().get(0).status());
  }

  @Test
  void shouldKeepFixedRewardsOnAPartialRefund() {
    Lead lead = f.refer(f.customer("Jane"));
    Purchase order = f.order(100);
    Reward reward = f.program.convert(lead.id(), order).rewards().get(0);

    RefundResult result = f.program.refund(refund("RF-1", order, 30));

    assertTrue(result.revoked().isEmpty());
    assertTrue(result.adjusted().isEmpty());
    assertEquals(reward, f.program.reward(reward.id()));
  }

  @Test
  void shouldIgnoreARefundIdSeenBefore() {
    Lead lead = f.refer(f.customer("Jane"));
    Purchase order = f.order(100);
    f.program.convert(lead.id(), order);
    f.program.refund(refund("RF-1", order, 30));

    RefundResult again = f.program.refund(refund("RF-1", order, 30));

    assertTrue(again.replayed());
    assertEquals(eur(30), again.refundedTotal());
    assertEquals(1, f.events(OrderRefunded.class).size());
  }

  @Test
  void shouldRefuseRefundsBeyondTheOrderOrInAnotherCurrencyOrForAnUnknownOrder() {
    Lead lead = f.refer(f.customer("Jane"));
    Purchase order = f.order(100);
    f.program.convert(lead.id(), order);
    f.program.refund(refund("RF-1", order, 60));

    IllegalArgumentException tooMuch =
        assertThrows(
            IllegalArgumentException.class, () -> f.program.refund(refund("RF-2", order, 50)));
    assertTrue(
        tooMuch.getMessage().startsWith("amount 50.00 EUR would bring the refunds"),
        tooMuch.getMessage());
    assertThrows(
        CurrencyMismatchException.class,
        () ->
            f.program.refund(
                Refund.of(
                    "RF-3", order.orderId().value(), Money.of(5, "USD"), f.clock.instant(), "x")));
    UnknownIdException unknown =
        assertThrows(
            UnknownIdException.class,
            () -> f.program.refund(Refund.of("RF-4", "O-404", eur(5), f.clock.instant(), "x")));
    assertEquals("order O-404 does not exist", unknown.getMessage());
    assertEquals(1, f.events(OrderRefunded.class).size());
  }
}
