package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.ReferralLimits;
import dev.referral.core.Referrer;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.policy.ReferralPolicy;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LimitsTest {

  /** A program granting the referrer {@code incentive} on each conversion, under {@code limits}. */
  static Fixture program(ReferralLimits limits, Incentive incentive) {
    ReferralPolicy policy = Fixture.onConversion(incentive, "per conversion");
    return new Fixture(b -> b.policy(policy).limits(limits));
  }

  static Reward convert(Fixture f, Referrer referrer) {
    Lead lead = f.refer(referrer);
    return f.program.convert(lead.id(), f.order(100)).rewards().get(0);
  }

  static Function<ReferralLimits.Builder, ReferralLimits.Builder> limit(LimitKind kind) {
    return switch (kind) {
      case REFERRER_MONTHLY_COUNT -> b -> b.maxRewardsPerMonth(3);
      case REFERRER_YEARLY_COUNT -> b -> b.maxRewardsPerYear(3);
      case REFERRER_LIFETIME_COUNT -> b -> b.maxRewardsLifetime(3);
      case REFERRER_MONTHLY_AMOUNT -> b -> b.maxAmountPerMonth(eur(30));
      case REFERRER_YEARLY_AMOUNT -> b -> b.maxAmountPerYear(eur(30));
      case REFERRER_LIFETIME_AMOUNT -> b -> b.maxAmountLifetime(eur(30));
      case PROGRAM_BUDGET -> b -> b.programBudget(eur(30));
    };
  }

  @ParameterizedTest
  @EnumSource(LimitKind.class)
  void shouldDenyTheFourthRewardOverEachLimitAndRecordWhichLimit(LimitKind kind) {
    // given: a limit of three 10 EUR rewards
    Fixture f =
        program(limit(kind).apply(ReferralLimits.builder()).build(), Incentive.credit(eur(10)));
    Referrer jane = f.customer("Jane");
    for (int i = 0; i < 3; i++) {
      assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
    }
    // when
    Reward fourth = convert(f, jane);
    // then
    assertEquals(RewardStatus.DENIED, fourth.status());
    assertEquals(kind, fourth.deniedBy().orElseThrow());
    assertEquals("limit " + kind + " reached", fourth.note().orElseThrow());
    RewardDenied denied = f.events(RewardDenied.class).get(0);
    assertEquals(kind, denied.limit());
    assertEquals(fourth.id(), denied.rewardId());
  }

  @Test
  void shouldStartAFreshMonthlyCountInANewCalendarMonth() {
    Fixture f =
        program(ReferralLimits.builder().maxRewardsPerMonth(1).build(), Incentive.credit(eur(10)));
    Referrer jane = f.customer("Jane");
    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
    assertEquals(RewardStatus.DENIED, convert(f, jane).status());

    f.advance(Duration.ofDays(31)); // 2026-04-02

    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
  }

  @Test
  void shouldCountMonthsInTheProgramsTimeZone() {
    // 2026-03-31T23:30Z is already April in Berlin.
    Fixture f =
        new Fixture(
            b ->
                b.policy(Fixture.onConversion(Incentive.credit(eur(10)), "x"))
                    .limits(ReferralLimits.builder().maxRewardsPerMonth(1).build())
                    .zone(java.time.ZoneId.of("Europe/Berlin")));
    Referrer jane = f.customer("Jane");
    f.clock.set(java.time.Instant.parse("2026-03-31T20:00:00Z"));
    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
    f.clock.set(java.time.Instant.parse("2026-03-31T23:30:00Z"));
    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
  }

  @Test
  void shouldNotCountRevokedRewards() {
    Fixture f =
        program(ReferralLimits.builder().maxRewardsPerMonth(1).build(), Incentive.credit(eur(10)));
    Referrer jane = f.customer("Jane");
    Reward first = convert(f, jane);
    f.program.revokeReward(first.id(), "mistake");

    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
  }

  @Test
  void shouldNotCountThankYouNotesTowardsTheReferrersLimits() {
    Fixture f =
        program(
            ReferralLimits.builder().maxRewardsPerMonth(0).build(),
            Incentive.thankYou("Thank you!"));
    Referrer jane = f.customer("Jane");

    assertEquals(RewardStatus.ISSUED, convert(f, jane).status());
  }

  @Test
  void shouldCheckTheBudgetAcrossReferrersAndBothSidesOfTheOffer() {
    Fixture f =
        new Fixture(
            b ->
                b.policy(
                        dev.referral.core.policy.DoubleSidedPolicy.builder()
                            .friendGets(Incentive.credit(eur(5)))
                            .referrerGets(Incentive.credit(eur(10)))
                            .build())
                    .limits(ReferralLimits.builder().programBudget(eur(20)).build()));
    Referrer jane = f.customer("Jane");
    Referrer john = f.customer("John");

    Lead a = f.refer(jane); // friend 5 -> 5 spent
    f.program.convert(a.id(), f.order(100)); // jane 10 -> 15 spent
    Lead b = f.refer(john); // friend 5 -> 20 spent
    Reward denied = f.program.convert(b.id(), f.order(100)).rewards().get(0); // john 10 -> over

    assertEquals(LimitKind.PROGRAM_BUDGET, denied.deniedBy().orElseThrow());
  }

  @Test
  void shouldDenyARewardInAnotherCurrencyThanTheLimitInsteadOfMixingCurrencies() {
    Fixture f =
        program(
            ReferralLimits.builder().maxAmountPerMonth(eur(100)).build(),
            Incentive.credit(Money.of(10, "USD")));

    Reward reward = convert(f, f.customer("Jane"));

    assertEquals(LimitKind.REFERRER_MONTHLY_AMOUNT, reward.deniedBy().orElseThrow());
  }

  @Test
  void shouldRefuseMoneyLimitsInTwoCurrencies() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ReferralLimits.builder()
                    .maxAmountPerMonth(eur(10))
                    .programBudget(Money.of(10, "USD"))
                    .build());
    assertTrue(e.getMessage().contains("one currency"), e.getMessage());
  }

  @Test
  void shouldRefuseALimitSetTwiceOrNegative() {
    ReferralLimits.Builder b = ReferralLimits.builder().maxRewardsPerMonth(3);
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> b.maxRewardsPerMonth(4));
    assertEquals("maxRewardsPerMonth was already set to 3", twice.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> ReferralLimits.builder().maxRewardsPerYear(-1));
    assertEquals("maxRewardsPerYear must not be negative but was -1", negative.getMessage());
  }
}
