package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.Signals;
import dev.referral.core.event.LeadFlagged;
import dev.referral.core.fraud.FraudAction;
import dev.referral.core.fraud.FraudCheck;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.fraud.FraudVerdict;
import dev.referral.core.spi.ExistingCustomerCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 8: each fraud check allows, flags and rejects. */
class FraudChecksTest {
  static final String SALT = IdentityMatchingTest.SALT;

  private static Fixture program(FraudCheck... checks) {
    return new Fixture(
        b ->
            b.signalSalt(SALT)
                .fraudChecks(FraudChecks.of(checks))
                .policy(Fixture.onConversion(Incentive.credit(eur(10)), "referrer credit")));
  }

  private static Signals device(String id) {
    return Signals.NONE.withDeviceId(id);
  }

  private static Lead refer(Fixture f, Referrer referrer, Prospect prospect, Signals signals) {
    return f.program.refer(
        ReferralRequest.of(referrer.primaryCode().value(), prospect).with(signals));
  }

  private static Lead refer(Fixture f, Referrer referrer, Signals signals) {
    return refer(f, referrer, f.newProspect(), signals);
  }

  private static void assertRejectedBy(String check, Lead lead) {
    assertEquals(LeadStatus.REJECTED, lead.status(), lead::toString);
    Rejection rejection = lead.rejection().orElseThrow();
    assertEquals(RejectionReason.FRAUD_SUSPECTED, rejection.reason());
    assertTrue(rejection.detail().startsWith(check + ": "), rejection::toString);
  }

  private static void assertFlaggedBy(Fixture f, String check, Lead lead) {
    assertEquals(LeadStatus.REFERRED, lead.status(), lead::toString);
    assertTrue(
        f.events(LeadFlagged.class).stream()
            .anyMatch(e -> e.leadId().equals(lead.id()) && e.check().equals(check)),
        () -> f.events(LeadFlagged.class).toString());
    assertTrue(lead.history().get(0).note().contains(check), lead::toString);
  }

  private static void assertAllowed(Fixture f, Lead lead) {
    assertEquals(LeadStatus.REFERRED, lead.status(), lead::toString);
    assertTrue(
        f.events(LeadFlagged.class).stream().noneMatch(e -> e.leadId().equals(lead.id())),
        () -> f.events(LeadFlagged.class).toString());
  }

  @Nested
  class SelfReferral {
    /** Jane was referred by Ann from {@code janesDevice}, then enrolled herself. */
    private Referrer janeReferredFrom(Fixture f, Signals janesDevice) {
      Referrer ann = f.customer("Ann");
      refer(f, ann, Prospect.withEmail("Jane", "jane@example.com"), janesDevice);
      return f.customer("Jane");
    }

    @Test
    void givenAReferrerReferredFromADevice_whenTheyReferAFriendFromIt_thenItIsRejected() {
      Fixture f = program(FraudChecks.selfReferral(FraudAction.REJECT));
      Referrer jane = janeReferredFrom(f, device("phone-jane"));

      assertRejectedBy("self-referral", refer(f, jane, device("phone-jane")));
      assertAllowed(f, refer(f, jane, device("phone-bob")));
      assertAllowed(f, refer(f, jane, Signals.NONE));
    }

    @Test
    void givenTheFlagAction_whenTheDeviceMatches_thenTheLeadIsFlagged() {
      Fixture f = program(FraudChecks.selfReferral(FraudAction.FLAG));
      Referrer jane = janeReferredFrom(f, device("phone-jane"));

      Lead lead = refer(f, jane, device("phone-jane"));

      assertFlaggedBy(f, "self-referral", lead);
      assertTrue(f.events(LeadFlagged.class).get(0).detail().contains("device"));
    }

    @Test
    void givenTheHostKnowsTheReferrersCard_whenTheFriendPaysWithIt_thenItIsRejected() {
      Signals janesCard = Signals.NONE.withPaymentFingerprint("card-jane");
      Fixture f =
          program(
              FraudChecks.selfReferral(
                  FraudAction.REJECT, r -> r.name().equals("Jane") ? janesCard : Signals.NONE));
      Referrer jane = f.customer("Jane");
      Referrer ann = f.customer("Ann");

      Lead lead = refer(f, jane, janesCard);

      assertRejectedBy("self-referral", lead);
      assertTrue(lead.rejection().orElseThrow().detail().contains("payment fingerprint"));
      assertAllowed(f, refer(f, ann, janesCard));
    }
  }

  @Nested
  class SharedSignal {
    @Test
    void givenTwoFriendsFromOneDevice_whenAThirdComes_thenItIsFlaggedOrRejected() {
      Fixture flagging =
          program(FraudChecks.sharedSignal(2, Duration.ofDays(30), FraudAction.FLAG));
      Referrer ann = flagging.customer("Ann");
      assertAllowed(flagging, refer(flagging, ann, device("farm-1")));
      assertAllowed(flagging, refer(flagging, ann, device("farm-1")));
      assertAllowed(flagging, refer(flagging, ann, device("other")));
      assertFlaggedBy(flagging, "shared-signal", refer(flagging, ann, device("farm-1")));

      Fixture rejecting =
          program(FraudChecks.sharedSignal(2, Duration.ofDays(30), FraudAction.REJECT));
      Referrer bob = rejecting.customer("Bob");
      refer(rejecting, bob, device("farm-1"));
      refer(rejecting, bob, device("farm-1"));
      assertRejectedBy("shared-signal", refer(rejecting, bob, device("farm-1")));
    }

    @Test
    void givenSharedSignalsOfAnotherReferrerOrLongAgo_whenReferring_thenItIsAllowed() {
      Fixture f = program(FraudChecks.sharedSignal(1, Duration.ofDays(7), FraudAction.REJECT));
      Referrer ann = f.customer("Ann");
      Referrer bob = f.customer("Bob");
      refer(f, ann, device("family-ipad"));

      assertAllowed(f, refer(f, bob, device("family-ipad")));
      f.advance(Duration.ofDays(8));
      assertAllowed(f, refer(f, ann, device("family-ipad")));
    }
  }

  @Nested
  class Velocity {
    @Test
    void givenThreeReferralsPerHour_whenAFourthComes_thenItIsFlaggedAndLaterAllowedAgain() {
      Fixture f = program(FraudChecks.velocity(3, Duration.ofHours(1), FraudAction.FLAG));
      Referrer ann = f.customer("Ann");
      for (int i = 0; i < 3; i++) {
        assertAllowed(f, f.refer(ann));
        f.advance(Duration.ofMinutes(10));
      }

      assertFlaggedBy(f, "velocity-1h", f.refer(ann));
      // an hour after the second referral, only the third and the flagged one are in the window
      f.advance(Duration.ofMinutes(51));
      assertAllowed(f, f.refer(ann));
    }

    @Test
    void givenADailyLimit_whenExceeded_thenTheReferralIsRejectedAndOtherCodesAreNotCounted() {
      Fixture f = program(FraudChecks.velocity(2, Duration.ofDays(1), FraudAction.REJECT));
      Referrer ann = f.customer("Ann");
      String second = f.program.issueCode(ann.id()).value();
      f.refer(ann);
      f.refer(ann);

      assertRejectedBy("velocity-1d", f.refer(ann));
      assertAllowed(f, f.program.refer(second, f.newProspect()));
    }
  }

  @Nested
  class Concurrency {
    @Test
    void givenEightThreadsReferringWithOneCode_whenTheLimitIsThree_thenExactlyThreePass()
        throws Exception {
      Fixture f = program(FraudChecks.velocity(3, Duration.ofHours(1), FraudAction.REJECT));
      Referrer ann = f.customer("Ann");
      List<Prospect> friends = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        friends.add(f.newProspect());
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Lead> leads = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (Prospect friend : friends) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  leads.add(f.program.refer(ann.primaryCode().value(), friend));
                });
        t.start();
        threads.add(t);
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }

      assertEquals(8, leads.size());
      assertEquals(3, leads.stream().filter(l -> l.status() == LeadStatus.REFERRED).count());
      assertEquals(
          5,
          leads.stream()
              .filter(
                  l ->
                      l.rejection()
                          .map(r -> r.reason() == RejectionReason.FRAUD_SUSPECTED)
                          .orElse(false))
              .count());
    }
  }

  @Nested
  class DisposableEmail {
    @Test
    void givenTheDefaultList_whenTheProspectUsesADisposableDomain_thenItIsRejected() {
      Fixture f =
          program(
              FraudChecks.disposableEmail(
                  FraudChecks.DEFAULT_DISPOSABLE_DOMAINS, FraudAction.REJECT));
      Referrer ann = f.customer("Ann");

      assertRejectedBy(
          "disposable-email",
          f.program.refer(ann.primaryCode().value(), Prospect.withEmail("X", "x@Mailinator.com")));
      assertRejectedBy(
          "disposable-email",
          f.program.refer(ann.primaryCode().value(), Prospect.withEmail("Y", "y@eu.yopmail.com")));
      assertAllowed(
          f,
          f.program.refer(ann.primaryCode().value(), Prospect.withPhone("Z", "+33 1 23 45 67 89")));
      assertAllowed(f, f.refer(ann));
    }

    @Test
    void givenAHostList_whenFlagging_thenOnlyItsDomainsAreFlagged() {
      Fixture f = program(FraudChecks.disposableEmail(Set.of("burner.example"), FraudAction.FLAG));
      Referrer ann = f.customer("Ann");

      assertFlaggedBy(
          f,
          "disposable-email",
          f.program.refer(ann.primaryCode().value(), Prospect.withEmail("X", "x@burner.example")));
      assertAllowed(
          f,
          f.program.refer(ann.primaryCode().value(), Prospect.withEmail("Y", "y@mailinator.com")));
    }
  }

  @Nested
  class BlockedReferrer {
    @Test
    void givenABlockedEmail_whenItsOwnerReferredUnderAnAlias_thenTheReferralIsRejected() {
      Fixture f =
          program(
              FraudChecks.blockedReferrer(
                  List.of("jane.doe@gmail.com", "+44 20 7946 0000"), FraudAction.REJECT));
      Referrer alias =
          f.program.enrol(Enrolment.customer("J").email("JaneDoe+2@googlemail.com").build());
      Referrer byPhone =
          f.program.enrol(Enrolment.customer("P").phone("0044 20 7946 0000").build());
      Referrer ann = f.customer("Ann");

      assertRejectedBy("blocked-referrer", f.refer(alias));
      assertRejectedBy("blocked-referrer", f.refer(byPhone));
      assertAllowed(f, f.refer(ann));
    }

    @Test
    void givenAHostBlockList_whenFlagging_thenTheReferrersLeadsAreFlagged() {
      Fixture f =
          program(FraudChecks.blockedReferrer(r -> r.name().equals("Mallory"), FraudAction.FLAG));

      assertFlaggedBy(f, "blocked-referrer", f.refer(f.customer("Mallory")));
      assertAllowed(f, f.refer(f.customer("Ann")));
    }
  }

  @Nested
  class OperatorReview {
    @Test
    void givenAFlaggedLead_whenItConverts_thenItsRewardWaitsForApprovalAndIsThenIssued() {
      // given
      Fixture f = program(FraudChecks.velocity(1, Duration.ofHours(1), FraudAction.FLAG));
      Referrer ann = f.customer("Ann");
      Lead clean = f.refer(ann);
      Lead flagged = f.refer(ann);
      // when
      f.program.convert(clean.id(), f.order(50));
      f.program.convert(flagged.id(), f.order(50));
      f.advance(Duration.ofDays(60));
      f.program.runMaintenance();
      // then
      assertEquals(RewardStatus.ISSUED, f.program.rewardsFor(clean.id()).get(0).status());
      Reward held = f.program.rewardsFor(flagged.id()).get(0);
      assertEquals(RewardStatus.PENDING, held.status());
      assertTrue(held.approvalRequired());
      assertTrue(held.note().orElseThrow().contains("flagged"));
      // when an operator approves it
      Reward approved = f.program.approveReward(held.id(), "called the customer: genuine");
      // then
      assertEquals(RewardStatus.ISSUED, approved.status());
      assertEquals("called the customer: genuine", approved.note().orElseThrow());
    }

    @Test
    void givenAFlaggedLead_whenTheOperatorRejectsItsReward_thenItIsRevokedWithTheReasonKept() {
      Fixture f = program(FraudChecks.velocity(1, Duration.ofHours(1), FraudAction.FLAG));
      Referrer ann = f.customer("Ann");
      f.refer(ann);
      Lead flagged = f.refer(ann);
      f.program.convert(flagged.id(), f.order(50));
      Reward held = f.program.rewardsFor(flagged.id()).get(0);

      Reward rejected = f.program.rejectReward(held.id(), "posted on a coupon site");

      assertEquals(RewardStatus.REVOKED, rejected.status());
      assertTrue(rejected.note().orElseThrow().contains("posted on a coupon site"));
    }
  }

  @Nested
  class CustomChecks {
    @Test
    void givenAThrowingCheck_whenReferring_thenTheLeadIsAcceptedAndFlagged() {
      FraudCheck broken =
          FraudCheck.of(
              "ip-reputation",
              c -> {
                throw new IllegalStateException("reputation service down");
              });
      Fixture f = program(broken);

      Lead lead = f.refer(f.customer("Ann"));

      assertFlaggedBy(f, "ip-reputation", lead);
      assertTrue(f.events(LeadFlagged.class).get(0).detail().contains("reputation service down"));
    }

    @Test
    void givenAFailingExistingCustomerCheck_whenReferring_thenTheLeadIsFlaggedAndItsRewardHeld() {
      // given the host's customer lookup is down (Mockito at the SPI boundary)
      ExistingCustomerCheck lookup = mock(ExistingCustomerCheck.class);
      when(lookup.isExistingCustomer(any())).thenThrow(new IllegalStateException("db timeout"));
      Fixture f =
          new Fixture(
              b ->
                  b.existingCustomerCheck(lookup)
                      .policy(Fixture.onConversion(Incentive.credit(eur(10)), "credit")));
      // when
      Lead lead = f.refer(f.customer("Ann"));
      f.program.convert(lead.id(), f.order(40));
      // then the checkout went through, and the reward waits for an operator
      assertFlaggedBy(f, "existing-customer-check", lead);
      assertTrue(f.events(LeadFlagged.class).get(0).detail().contains("db timeout"));
      assertEquals(RewardStatus.PENDING, f.program.rewardsFor(lead.id()).get(0).status());
    }

    @Test
    void givenSeveralChecks_whenOneRejects_thenTheFirstRejectionWinsAndFlagsAreDropped() {
      FraudCheck flag = FraudCheck.of("always-flag", c -> FraudVerdict.flag("suspicious"));
      FraudCheck reject = FraudCheck.of("always-reject", c -> FraudVerdict.reject("no"));
      Fixture f = program(flag, reject);

      Lead lead = f.refer(f.customer("Ann"));

      assertEquals(
          new Rejection(RejectionReason.FRAUD_SUSPECTED, "always-reject: no"),
          lead.rejection().orElseThrow());
      assertTrue(f.events(LeadFlagged.class).isEmpty());
    }

    @Test
    void givenAStandardRejection_whenChecksAreConfigured_thenTheyDoNotRun() {
      AtomicBoolean ran = new AtomicBoolean();
      FraudCheck spy =
          FraudCheck.of(
              "spy",
              c -> {
                ran.set(true);
                return FraudVerdict.ALLOW;
              });
      Fixture f = program(spy);

      Lead lead = f.program.refer("NO-SUCH-CODE", f.newProspect());

      assertEquals(RejectionReason.UNKNOWN_CODE, lead.rejection().orElseThrow().reason());
      assertFalse(ran.get());
      f.refer(f.customer("Ann"));
      assertTrue(ran.get());
    }

    @Test
    void givenBadConfiguration_whenBuildingChecks_thenTheArgumentIsNamed() {
      FraudCheck a = FraudCheck.of("same", c -> FraudVerdict.ALLOW);
      FraudCheck b = FraudCheck.of("same", c -> FraudVerdict.ALLOW);
      IllegalArgumentException twice =
          assertThrows(IllegalArgumentException.class, () -> FraudChecks.of(a, b));
      assertTrue(twice.getMessage().contains("same"), twice.getMessage());
      IllegalArgumentException allow =
          assertThrows(
              IllegalArgumentException.class,
              () -> FraudChecks.velocity(3, Duration.ofHours(1), FraudAction.ALLOW));
      assertTrue(allow.getMessage().startsWith("action"), allow.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> FraudChecks.velocity(0, Duration.ofHours(1), FraudAction.FLAG));
      assertThrows(
          IllegalArgumentException.class,
          () -> FraudChecks.sharedSignal(2, Duration.ZERO, FraudAction.FLAG));
      assertEquals(5, FraudChecks.defaults().checks().size());
      assertTrue(FraudChecks.none().isEmpty());
    }
  }
}
