package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.IllegalRewardTransitionException;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.RewardApproved;
import dev.referral.core.event.RewardExpired;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.RewardRedeemed;
import dev.referral.core.event.RewardRevoked;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RewardLifecycleTest {

  /** A program whose only policy grants {@code grant} to the referrer on conversion. */
  static Fixture granting(GrantReward grant) {
    ReferralPolicy policy =
        (event, context) -> event instanceof LeadConverted ? List.of(grant) : List.of();
    return new Fixture(b -> b.policy(policy));
  }

  static Reward convertOnce(Fixture f) {
    Lead lead = f.refer(f.customer("Jane"));
    return f.program.convert(lead.id(), f.order(100)).rewards().get(0);
  }

  @Nested
  class Holding {
    @Test
    void shouldHoldARewardUntilTheReturnWindowEnds() {
      Fixture f =
          granting(
              GrantReward.toReferrer(Incentive.giftCard(eur(25)), "bonus")
                  .heldFor(Duration.ofDays(14)));
      Reward reward = convertOnce(f);
      assertEquals(RewardStatus.PENDING, reward.status());
      assertEquals(Fixture.START.plus(Duration.ofDays(14)), reward.holdUntil().orElseThrow());

      f.advance(Duration.ofDays(13));
      assertEquals(0, f.program.runMaintenance().rewardsIssued());
      f.advance(Duration.ofDays(1));
      assertEquals(1, f.program.runMaintenance().rewardsIssued());

      Reward issued = f.program.reward(reward.id());
      assertEquals(RewardStatus.ISSUED, issued.status());
      assertEquals(f.clock.instant(), issued.issuedAt().orElseThrow());
      assertEquals(1, f.events(RewardIssued.class).size());
    }

    @Test
    void shouldWaitForAnOperatorsApproval() {
      Fixture f =
          granting(GrantReward.toReferrer(Incentive.giftCard(eur(25)), "bonus").withApproval());
      Reward reward = convertOnce(f);
      assertEquals(RewardStatus.PENDING, reward.status());
      f.advance(Duration.ofDays(30));
      assertEquals(0, f.program.runMaintenance().rewardsIssued());

      Reward approved = f.program.approveReward(reward.id(), "checked the order");

      assertEquals(RewardStatus.ISSUED, approved.status());
      assertEquals(f.clock.instant(), approved.approvedAt().orElseThrow());
      assertEquals("checked the order", f.events(RewardApproved.class).get(0).note());
    }

    @Test
    void shouldIssueAnApprovedRewardOnlyOnceItsHoldEnds() {
      Fixture f =
          granting(
              GrantReward.toReferrer(Incentive.giftCard(eur(25)), "bonus")
                  .heldFor(Duration.ofDays(14))
                  .withApproval());
      Reward reward = convertOnce(f);

      assertEquals(RewardStatus.PENDING, f.program.approveReward(reward.id(), "").status());
      f.advance(Duration.ofDays(14));
      f.program.runMaintenance();

      assertEquals(RewardStatus.ISSUED, f.program.reward(reward.id()).status());
    }

    @Test
    void shouldRevokeARejectedRewardKeepingTheReason() {
      Fixture f =
          granting(GrantReward.toReferrer(Incentive.giftCard(eur(25)), "bonus").withApproval());
      Reward reward = convertOnce(f);

      Reward rejected = f.program.rejectReward(reward.id(), "suspicious order");

      assertEquals(RewardStatus.REVOKED, rejected.status());
      assertEquals("rejected: suspicious order", rejected.note().orElseThrow());
      assertThrows(
          IllegalRewardTransitionException.class,
          () -> f.program.rejectReward(reward.id(), "again"));
    }
  }

  @Nested
  class AfterIssue {
    final Fixture f = new Fixture();

    @Test
    void shouldRedeemAnIssuedReward() {
      Reward reward = convertOnce(f);

      Reward redeemed = f.program.redeemReward(reward.id());

      assertEquals(RewardStatus.REDEEMED, redeemed.status());
      assertEquals(1, f.events(RewardRedeemed.class).size());
      IllegalRewardTransitionException e =
          assertThrows(
              IllegalRewardTransitionException.class,
              () -> f.program.revokeReward(reward.id(), "late"));
      assertEquals(
          "reward " + reward.id() + " cannot move from REDEEMED to REVOKED", e.getMessage());
    }

    @Test
    void shouldRevokeAnIssuedRewardWithItsReason() {
      Reward reward = convertOnce(f);

      Reward revoked = f.program.revokeReward(reward.id(), "fraud confirmed");

      assertEquals(RewardStatus.REVOKED, revoked.status());
      assertEquals("fraud confirmed", f.events(RewardRevoked.class).get(0).reason());
      assertThrows(
          IllegalRewardTransitionException.class, () -> f.program.redeemReward(reward.id()));
    }

    @Test
    void shouldRefuseToApproveAnIssuedReward() {
      Reward reward = convertOnce(f);

      assertThrows(
          IllegalRewardTransitionException.class, () -> f.program.approveReward(reward.id(), ""));
    }
  }

  @Test
  void shouldExpireAnUnusedRewardAfterItsExpiry() {
    Fixture f =
        granting(
            GrantReward.toReferrer(Incentive.giftCard(eur(25)), "bonus")
                .expiringAfter(Duration.ofDays(60)));
    Reward reward = convertOnce(f);
    f.advance(Duration.ofDays(60));

    assertEquals(1, f.program.runMaintenance().rewardsExpired());

    assertEquals(RewardStatus.EXPIRED, f.program.reward(reward.id()).status());
    assertEquals(1, f.events(RewardExpired.class).size());
  }

  @Test
  void shouldGiveEveryRewardAUniqueIdempotencyKeyAndRecordItsCause() {
    Fixture f =
        new Fixture(
            b ->
                b.policy(
                    DoubleSidedPolicy.builder()
                        .friendGets(Incentive.percentDiscount("10"))
                        .referrerGets(Incentive.credit(eur(10)))
                        .build()));
    var jane = f.customer("Jane");
    for (int i = 0; i < 5; i++) {
      Lead lead = f.refer(jane);
      f.program.convert(lead.id(), f.order(50));
    }

    List<Reward> rewards = f.program.rewardsOf(jane.id());
    Set<String> keys = new HashSet<>();
    rewards.forEach(r -> keys.add(r.idempotencyKey()));

    assertEquals(10, rewards.size());
    assertEquals(10, keys.size());
    assertTrue(
        f.events(RewardGranted.class).stream()
            .allMatch(g -> f.events().stream().anyMatch(e -> e.id().equals(g.causedBy()))));
  }

  @Test
  void shouldThrowForAnUnknownReward() {
    Fixture f = new Fixture();
    UnknownIdException e =
        assertThrows(UnknownIdException.class, () -> f.program.reward(RewardId.of("RW-404")));
    assertEquals("reward RW-404 does not exist", e.getMessage());
  }
}
