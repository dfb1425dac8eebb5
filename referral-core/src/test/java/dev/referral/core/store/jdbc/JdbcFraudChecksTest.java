package dev.referral.core.store.jdbc;

import static dev.referral.core.store.jdbc.JdbcPrograms.customer;
import static dev.referral.core.store.jdbc.JdbcPrograms.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.Signals;
import dev.referral.core.fraud.FraudChecks;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 8: identity matching and fraud checks on the JDBC store (H2), not only in memory. */
class JdbcFraudChecksTest {
  private final JdbcReferralStore store =
      JdbcPrograms.store(TestDatabases.newH2(), TestDatabases.uniquePrefix());
  private final ReferralProgram program =
      ReferralProgram.builder()
          .store(store)
          .offer(JdbcPrograms.OFFER)
          .signalSalt("a-salt-for-the-jdbc-tests")
          .fraudChecks(FraudChecks.defaults())
          .build();

  private Lead refer(Referrer referrer, String email, String device) {
    return program.refer(
        ReferralRequest.of(referrer.primaryCode().value(), Prospect.withEmail("F", email))
            .with(Signals.NONE.withDeviceId(device).withIpAddress("198.51.100.4")));
  }

  @Test
  void givenAFarmOfFriends_whenReferredAndConverted_thenTheThirdIsHeldForReviewAndAliasesMatch() {
    // given
    Referrer ann = customer(program, "Ann");
    Lead first = refer(ann, "j.doe@gmail.com", "farm-phone");
    Lead second = refer(ann, "max@example.org", "farm-phone");
    // when
    Lead alias = refer(ann, "JDoe+again@googlemail.com", "other-phone");
    Lead third = refer(ann, "eve@example.org", "farm-phone");
    Lead disposable = refer(ann, "x@mailinator.com", "clean-phone");
    program.convert(third.id(), order("o-3", 60));
    // then
    assertEquals(LeadStatus.REFERRED, second.status());
    assertEquals(RejectionReason.ALREADY_REFERRED, alias.rejection().orElseThrow().reason());
    assertEquals(RejectionReason.FRAUD_SUSPECTED, disposable.rejection().orElseThrow().reason());
    assertTrue(program.lead(third.id()).history().get(0).note().contains("shared-signal"));
    List<Reward> held = program.rewardsFor(third.id());
    assertFalse(held.isEmpty());
    assertTrue(held.stream().allMatch(r -> r.status() == RewardStatus.PENDING), held::toString);
    assertEquals(
        RewardStatus.ISSUED, program.approveReward(held.get(0).id(), "looked fine").status());
    // and no raw signal reached the database
    Set<String> keys = store.inTransaction(tx -> tx.leads().identityKeys(first.id()));
    assertTrue(keys.stream().noneMatch(k -> k.contains("farm-phone") || k.contains("198.51")));
    assertEquals(3, keys.size(), keys::toString);
  }
}
