package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.EmailAliasRules;
import dev.referral.core.Enrolment;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.Signals;
import dev.referral.core.event.LeadFlagged;
import dev.referral.core.fraud.FraudAction;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.store.memory.InMemoryReferralStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The "Abuse resistance" samples of the README, word for word, run. */
class ReadmeAbuseSamplesTest {
  private final InMemoryReferralStore store = new InMemoryReferralStore();
  private final Offer offer = Fixture.OFFER;
  private final Map<String, String> secrets =
      Map.of("referral-signal-salt", "a-long-random-secret-from-the-vault");
  private final List<LeadId> reviewQueue = new CopyOnWriteArrayList<>();

  /** What the host knows at its checkout. */
  record Checkout(String code, String name, String email, String ip, String deviceCookie) {}

  /** The card as the payment provider describes it. */
  record Card(String fingerprint) {}

  private ReferralProgram program() {
    ReferralProgram program =
        ReferralProgram.builder()
            .store(store)
            .offer(offer)
            .emailNormalizer(EmailAliasRules.builder().tagSeparator("yahoo.com", '-').build())
            .signalSalt(secrets.get("referral-signal-salt"))
            .fraudChecks(
                FraudChecks.defaults()
                    .and(
                        FraudChecks.blockedReferrer(
                            List.of("mallory@gmail.com"), FraudAction.REJECT)))
            .build();
    program.on(LeadFlagged.class, flagged -> reviewQueue.add(flagged.leadId()));
    return program;
  }

  private static Lead refer(ReferralProgram program, Checkout checkout, Card card) {
    Lead lead =
        program.refer(
            ReferralRequest.of(
                    checkout.code(), Prospect.withEmail(checkout.name(), checkout.email()))
                .from("checkout")
                .with(
                    Signals.NONE
                        .withIpAddress(checkout.ip())
                        .withDeviceId(checkout.deviceCookie())
                        .withPaymentFingerprint(card.fingerprint())));
    return lead;
  }

  private static void review(ReferralProgram program, LeadId leadId) {
    for (Reward reward : program.rewardsFor(leadId)) {
      if (reward.status() == RewardStatus.PENDING) {
        program.rejectReward(reward.id(), "friends created on one device");
      }
    }
  }

  @Test
  void givenTheReadmeSetup_whenAFarmOfFriendsIsReferred_thenTheThirdIsHeldAndRejectedByReview() {
    ReferralProgram program = program();
    Referrer mallory =
        program.enrol(Enrolment.customer("M").email("Mallory+shop@googlemail.com").build());
    Referrer ann = program.enrol(Enrolment.customer("Ann").email("ann@example.com").build());
    String code = ann.primaryCode().value();
    Card card = new Card("fp_sameCard");

    assertEquals(
        RejectionReason.FRAUD_SUSPECTED,
        refer(
                program,
                new Checkout(mallory.primaryCode().value(), "X", "x@example.org", "1.2.3.4", "d"),
                card)
            .rejection()
            .orElseThrow()
            .reason());
    Lead last = null;
    for (int i = 1; i <= 3; i++) {
      last =
          refer(
              program,
              new Checkout(code, "F" + i, "f" + i + "@example.org", "198.51.100.9", "dev-1"),
              card);
      program.convert(
          last.id(), Purchase.of("o-" + i, Money.of(30, "EUR"), program.clock().instant()));
    }

    assertEquals(List.of(last.id()), reviewQueue);
    assertEquals(LeadStatus.CONVERTED, program.lead(last.id()).status());
    review(program, reviewQueue.get(0));
    List<Reward> held = program.rewardsFor(last.id());
    assertEquals(2, held.size(), held::toString); // the friend's discount and the referrer's credit
    assertTrue(held.stream().allMatch(r -> r.status() == RewardStatus.REVOKED), held::toString);
    assertTrue(held.get(0).note().orElseThrow().contains("friends created on one device"));
    assertEquals(
        4,
        program.rewardsOf(ann.id()).stream()
            .filter(r -> r.status() == RewardStatus.ISSUED)
            .count());
  }
}
