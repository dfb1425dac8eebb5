package dev.referral.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.CurrencyMismatchException;
import dev.referral.core.Enrolment;
import dev.referral.core.IllegalLeadTransitionException;
import dev.referral.core.IllegalRewardTransitionException;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralException;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Refund;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.UnknownIdException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input at every public entry point (issue 8): the exception names the argument and the reason,
 * and nothing is stored or published.
 */
class BadInputTest {
  private final FaultWorld w = new FaultWorld();
  private final ReferralProgram program = w.program;

  /** Asserts that {@code call} throws {@code type} with every fragment, and changes nothing. */
  private <T extends Throwable> void assertRefused(
      Class<T> type, Executable call, String... fragments) {
    String before = w.snapshot();
    int published = w.published.size();
    T e = assertThrows(type, call);
    for (String fragment : fragments) {
      assertTrue(
          String.valueOf(e.getMessage()).contains(fragment),
          () -> "'" + e.getMessage() + "' does not say '" + fragment + "'");
    }
    assertEquals(before, w.snapshot(), "nothing is stored");
    assertEquals(published, w.published.size(), "nothing is published");
  }

  private Reward rewardIn(RewardStatus status, boolean approval) {
    return w.rewardsOf(w.jane).stream()
        .filter(r -> r.status() == status && r.approvalRequired() == approval)
        .findFirst()
        .or(
            () ->
                w.rewardsOf(w.shop).stream()
                    .filter(r -> r.status() == status && r.approvalRequired() == approval)
                    .findFirst())
        .orElseThrow();
  }

  @Nested
  class Referrers {
    @Test
    void givenAVanityCodeThatIsTaken_whenEnrolling_thenItIsRefusedNamingTheCode() {
      String taken = w.jane.primaryCode().value();
      assertRefused(
          IllegalArgumentException.class,
          () -> program.enrol(Enrolment.customer("Eve").vanityCode(taken).build()),
          "vanityCode",
          taken,
          "already taken");
    }

    @Test
    void givenABlankName_whenEnrolling_thenItIsRefusedNamingTheName() {
      assertRefused(
          IllegalArgumentException.class,
          () -> program.enrol(Enrolment.customer("  ").build()),
          "name",
          "blank");
    }

    @Test
    void givenABadEmail_whenEnrolling_thenItIsRefusedNamingTheEmail() {
      assertRefused(
          IllegalArgumentException.class,
          () -> program.enrol(Enrolment.customer("Eve").email("eve.example.com").build()),
          "email",
          "exactly one @");
    }

    @Test
    void givenAnUnknownReferrer_whenChangingIt_thenEachCommandNamesTheId() {
      ReferrerId ghost = ReferrerId.of("R-404");
      assertRefused(UnknownIdException.class, () -> program.issueCode(ghost), "referrer", "R-404");
      assertRefused(
          UnknownIdException.class,
          () -> program.changeStatus(ghost, ReferrerStatus.PAUSED, "holiday"),
          "R-404");
      assertRefused(UnknownIdException.class, () -> program.changeConsent(ghost, false), "R-404");
      assertRefused(UnknownIdException.class, () -> program.recordSatisfaction(ghost, 9), "R-404");
      assertRefused(
          UnknownIdException.class, () -> program.recordOutboundReferral(ghost, "x"), "R-404");
      assertRefused(UnknownIdException.class, () -> program.referrer(ghost), "R-404");
    }

    @Test
    void givenAScoreOutOfRange_whenRecordingSatisfaction_thenItIsRefusedWithTheRange() {
      assertRefused(
          IllegalArgumentException.class,
          () -> program.recordSatisfaction(w.jane.id(), 11),
          "score",
          "between 0 and 10",
          "11");
      assertRefused(
          IllegalArgumentException.class,
          () -> program.recordSatisfaction(w.jane.id(), -1),
          "score",
          "-1");
    }

    @Test
    void givenACustomer_whenRecordingAnOutboundPartnerReferral_thenItIsRefusedNamingTheKind() {
      assertRefused(
          IllegalArgumentException.class,
          () -> program.recordOutboundReferral(w.jane.id(), "sent a client"),
          "partnerId",
          "CUSTOMER",
          "not a PARTNER");
    }

    @Test
    void givenAnUnknownOrMalformedCode_whenRetiringIt_thenItIsRefusedNamingTheCode() {
      assertRefused(UnknownIdException.class, () -> program.retireCode("ZZZZ9999"), "ZZZZ9999");
      assertRefused(IllegalArgumentException.class, () -> program.retireCode("no!"), "code");
    }

    @Test
    void givenATakenVanityCode_whenIssuingIt_thenItIsRefusedNamingTheCode() {
      String taken = w.shop.primaryCode().value();
      assertRefused(
          IllegalArgumentException.class,
          () -> program.issueCode(w.jane.id(), taken),
          "code",
          "already taken");
    }

    @Test
    void givenANullNote_whenChangingStatus_thenTheNoteIsNamedAndNothingChanges() {
      assertRefused(
          NullPointerException.class,
          () -> program.changeStatus(w.jane.id(), ReferrerStatus.PAUSED, null),
          "note");
    }
  }

  @Nested
  class Leads {
    @Test
    void givenAnUnknownLead_whenMovingOrConverting_thenTheIdIsNamed() {
      LeadId ghost = LeadId.of("L-404");
      assertRefused(
          UnknownIdException.class,
          () -> program.move(ghost, LeadStatus.CONTACTED, "called"),
          "lead",
          "L-404");
      Purchase purchase = w.purchase("O-40", 10);
      assertRefused(UnknownIdException.class, () -> program.convert(ghost, purchase), "L-404");
    }

    @Test
    void givenAMoveTheLifecycleForbids_whenMoving_thenItNamesBothStatuses() {
      assertRefused(
          IllegalLeadTransitionException.class,
          () -> program.move(w.carl.id(), LeadStatus.LOST, "changed mind"),
          w.carl.id().value(),
          "CONVERTED",
          "LOST");
      assertRefused(
          IllegalLeadTransitionException.class,
          () -> program.move(w.bob.id(), LeadStatus.CONVERTED, "by hand"),
          "REFERRED",
          "CONVERTED");
    }

    @Test
    void givenAnOrderRecordedForAnotherLead_whenConverting_thenBothLeadsAreNamed() {
      Purchase o1 = w.purchase("O-1", 200);
      assertRefused(
          ReferralException.class,
          () -> program.convert(w.bob.id(), o1),
          "O-1",
          w.carl.id().value(),
          w.bob.id().value());
    }

    @Test
    void givenAZeroOrNegativeAmount_whenBuildingAPurchase_thenTheAmountIsNamed() {
      Instant now = w.clock.instant();
      assertRefused(
          IllegalArgumentException.class,
          () -> Purchase.of("O-41", Money.of(0, "EUR"), now),
          "amount");
      assertRefused(
          IllegalArgumentException.class,
          () -> Purchase.of("O-41", Money.of(-5, "EUR"), now),
          "amount");
    }

    @Test
    void givenABlankCode_whenReferring_thenItIsRefusedNamingTheCode() {
      assertRefused(
          IllegalArgumentException.class,
          () -> program.refer(" ", FaultWorld.prospect("Finn")),
          "code",
          "blank");
    }
  }

  @Nested
  class Refunds {
    @Test
    void givenAnUnknownOrder_whenRefunding_thenTheOrderIsNamed() {
      Refund refund = Refund.of("RF-9", "O-404", Money.of(5, "EUR"), w.clock.instant(), "broken");
      assertRefused(UnknownIdException.class, () -> program.refund(refund), "order", "O-404");
    }

    @Test
    void givenAnotherCurrency_whenRefunding_thenBothCurrenciesAreNamed() {
      Refund refund = Refund.of("RF-9", "O-2", Money.of(5, "USD"), w.clock.instant(), "broken");
      assertRefused(CurrencyMismatchException.class, () -> program.refund(refund), "EUR", "USD");
    }

    @Test
    void givenMoreThanTheOrder_whenRefunding_thenTheAmountAndTheOrderAreNamed() {
      Refund refund = Refund.of("RF-9", "O-2", Money.of(101, "EUR"), w.clock.instant(), "broken");
      assertRefused(
          IllegalArgumentException.class,
          () -> program.refund(refund),
          "amount",
          "101.00 EUR",
          "O-2",
          "more than the order's 100.00 EUR");
    }

    @Test
    void givenAZeroAmountOrABlankReason_whenBuildingARefund_thenTheArgumentIsNamed() {
      Instant now = w.clock.instant();
      assertRefused(
          IllegalArgumentException.class,
          () -> Refund.of("RF-9", "O-2", Money.of(0, "EUR"), now, "broken"),
          "amount must be positive");
      assertRefused(
          IllegalArgumentException.class,
          () -> Refund.of("RF-9", "O-2", Money.of(1, "EUR"), now, " "),
          "reason",
          "blank");
    }
  }

  @Nested
  class Rewards {
    @Test
    void givenAnUnknownReward_whenActingOnIt_thenTheIdIsNamed() {
      RewardId ghost = RewardId.of("RW-404");
      assertRefused(UnknownIdException.class, () -> program.approveReward(ghost, "ok"), "RW-404");
      assertRefused(UnknownIdException.class, () -> program.rejectReward(ghost, "no"), "RW-404");
      assertRefused(UnknownIdException.class, () -> program.revokeReward(ghost, "no"), "RW-404");
      assertRefused(UnknownIdException.class, () -> program.redeemReward(ghost), "RW-404");
      assertRefused(UnknownIdException.class, () -> program.reward(ghost), "reward", "RW-404");
    }

    @Test
    void givenABlankReason_whenRejectingOrRevoking_thenTheReasonIsNamed() {
      RewardId pending = rewardIn(RewardStatus.PENDING, true).id();
      assertRefused(
          IllegalArgumentException.class,
          () -> program.rejectReward(pending, " "),
          "reason",
          "blank");
      assertRefused(
          IllegalArgumentException.class,
          () -> program.revokeReward(pending, ""),
          "reason",
          "blank");
    }

    @Test
    void givenARewardInTheWrongState_whenActingOnIt_thenBothStatusesAreNamed() {
      Reward pending = rewardIn(RewardStatus.PENDING, true);
      assertRefused(
          IllegalRewardTransitionException.class,
          () -> program.redeemReward(pending.id()),
          pending.id().value(),
          "PENDING",
          "REDEEMED");
      Reward issued = rewardIn(RewardStatus.ISSUED, false);
      assertRefused(
          IllegalRewardTransitionException.class,
          () -> program.rejectReward(issued.id(), "too late"),
          "ISSUED",
          "REVOKED");
      assertRefused(
          IllegalRewardTransitionException.class,
          () -> program.approveReward(issued.id(), "ok"),
          "ISSUED");
    }
  }

  @Nested
  class Reports {
    @Test
    void givenAnEmptyOrReversedPeriod_whenReporting_thenBothEndsAreNamed() {
      Instant now = w.clock.instant();
      Currency eur = Currency.getInstance("EUR");
      assertRefused(
          IllegalArgumentException.class,
          () -> program.sourceReport(now, now, eur),
          "from",
          "must be before to");
      assertRefused(
          IllegalArgumentException.class,
          () -> program.sourceReport(now, now.minus(Duration.ofDays(1)), eur),
          "from");
    }

    @Test
    void givenActivityInAnotherCurrency_whenReporting_thenBothCurrenciesAreNamed() {
      Instant now = w.clock.instant();
      assertRefused(
          CurrencyMismatchException.class,
          () ->
              program.sourceReport(
                  FaultWorld.START, now.plusSeconds(1), Currency.getInstance("USD")),
          "USD",
          "EUR");
    }
  }

  @Nested
  class Settings {
    @Test
    void givenANonPositiveWindowOrASettingGivenTwice_whenBuilding_thenTheSettingIsNamed() {
      assertRefused(
          IllegalArgumentException.class,
          () -> ReferralProgram.builder().attributionWindow(Duration.ZERO),
          "attributionWindow",
          "positive");
      assertRefused(
          IllegalArgumentException.class,
          () -> ReferralProgram.builder().clawbackWindow(Duration.ofDays(-1)),
          "clawbackWindow",
          "negative");
      assertRefused(
          IllegalStateException.class,
          () -> ReferralProgram.builder().clock(w.clock).clock(w.clock),
          "clock",
          "already set");
    }
  }
}
