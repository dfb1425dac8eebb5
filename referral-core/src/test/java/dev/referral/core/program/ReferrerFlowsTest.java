package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Enrolment;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.CodeIssued;
import dev.referral.core.event.CodeRetired;
import dev.referral.core.event.ConsentChanged;
import dev.referral.core.event.PartnerReferralSent;
import dev.referral.core.event.ReferrerEnrolled;
import dev.referral.core.event.ReferrerStatusChanged;
import dev.referral.core.event.SatisfactionRecorded;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReferrerFlowsTest {
  final Fixture f = new Fixture();

  @Nested
  class Enrolling {
    @Test
    void shouldEnrolACustomerWithAGeneratedCodeOfTheUnambiguousAlphabet() {
      Referrer jane = f.customer("Jane Doe");

      assertEquals(ReferrerKind.CUSTOMER, jane.kind());
      assertEquals(ReferrerStatus.ACTIVE, jane.status());
      assertTrue(jane.consentToContact());
      assertEquals(1, jane.codes().size());
      String code = jane.primaryCode().value();
      assertEquals(10, code.length());
      assertTrue(code.chars().allMatch(c -> ReferralCode.ALPHABET.indexOf(c) >= 0), code);
      assertEquals(jane, f.program.referrer(jane.id()));
      assertEquals(1, f.events(ReferrerEnrolled.class).size());
    }

    @Test
    void shouldEnrolAPartnerAndAContact() {
      Referrer partner = f.partner("Corner Bakery");
      Referrer banker =
          f.program.enrol(Enrolment.contact("Bob the banker").phone("+1 555 0100 200").build());

      assertEquals(ReferrerKind.PARTNER, partner.kind());
      assertEquals(ReferrerKind.CONTACT, banker.kind());
      assertEquals("+15550100200", banker.phone().orElseThrow());
      assertFalse(banker.consentToContact());
    }

    @Test
    void shouldEnrolWithAFreeVanityCode() {
      Referrer jane = f.program.enrol(Enrolment.customer("Jane").vanityCode("jane-10").build());

      assertEquals(ReferralCode.parse("JANE10"), jane.primaryCode());
    }

    @Test
    void shouldRefuseAVanityCodeThatIsTaken() {
      f.program.enrol(Enrolment.customer("Jane").vanityCode("JANE10").build());

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.program.enrol(Enrolment.customer("Other Jane").vanityCode("jane 10").build()));
      assertTrue(e.getMessage().contains("vanityCode JANE10"), e.getMessage());
      assertEquals(1, f.events(ReferrerEnrolled.class).size());
    }
  }

  @Nested
  class Codes {
    @Test
    void shouldFindAReferrerByCodeIgnoringCaseSpacesAndHyphens() {
      Referrer jane = f.customer("Jane");
      String code = jane.primaryCode().value();
      String typed = code.substring(0, 4).toLowerCase() + " - " + code.substring(4);

      assertEquals(jane.id(), f.program.findReferrerByCode(typed).orElseThrow().id());
      assertTrue(f.program.findReferrerByCode("NOPE2345").isEmpty());
      assertTrue(f.program.findReferrerByCode("!!").isEmpty());
    }

    @Test
    void shouldIssueMoreCodesToOneReferrer() {
      Referrer jane = f.customer("Jane");

      ReferralCode generated = f.program.issueCode(jane.id());
      ReferralCode vanity = f.program.issueCode(jane.id(), "Jane-Summer");

      Referrer updated = f.program.referrer(jane.id());
      assertEquals(3, updated.codes().size());
      assertEquals(vanity, updated.primaryCode());
      assertEquals(List.of(jane.primaryCode(), generated, vanity), updated.activeCodes());
      assertEquals(2, f.events(CodeIssued.class).size());
      assertEquals(jane.version() + 2, updated.version());
    }

    @Test
    void shouldRetireACodeOnceAndKeepItTaken() {
      Referrer jane = f.customer("Jane");
      String code = jane.primaryCode().value();

      Referrer retired = f.program.retireCode(code.toLowerCase());
      Referrer again = f.program.retireCode(code);

      assertFalse(retired.code(jane.primaryCode()).orElseThrow().isActive());
      assertEquals(retired, again);
      assertEquals(1, f.events(CodeRetired.class).size());
      assertThrows(IllegalArgumentException.class, () -> f.program.issueCode(jane.id(), code));
    }

    @Test
    void shouldRefuseToRetireAnUnknownCode() {
      UnknownIdException e =
          assertThrows(UnknownIdException.class, () -> f.program.retireCode("ABCD2345"));
      assertEquals("referral code", e.kind());
      assertEquals("ABCD2345", e.id());
    }
  }

  @Nested
  class StatusConsentAndSatisfaction {
    @Test
    void shouldPauseBlockAndReactivate() {
      Referrer jane = f.customer("Jane");

      assertEquals(
          ReferrerStatus.PAUSED,
          f.program.changeStatus(jane.id(), ReferrerStatus.PAUSED, "holiday").status());
      assertEquals(
          ReferrerStatus.BLOCKED,
          f.program.changeStatus(jane.id(), ReferrerStatus.BLOCKED, "abuse").status());
      assertEquals(
          ReferrerStatus.ACTIVE,
          f.program.changeStatus(jane.id(), ReferrerStatus.ACTIVE, "").status());

      assertEquals(
          List.of(ReferrerStatus.PAUSED, ReferrerStatus.BLOCKED, ReferrerStatus.ACTIVE),
          f.events(ReferrerStatusChanged.class).stream().map(ReferrerStatusChanged::to).toList());
    }

    @Test
    void shouldCancelPendingFollowUpsWhenBlocked() {
      Referrer jane = f.customer("Jane");
      assertFalse(f.program.followUpsOf(jane.id()).isEmpty());

      f.program.changeStatus(jane.id(), ReferrerStatus.BLOCKED, "abuse");

      assertTrue(
          f.program.followUpsOf(jane.id()).stream()
              .allMatch(fu -> fu.status() == FollowUpStatus.CANCELLED));
    }

    @Test
    void shouldCancelPendingFollowUpsWhenConsentIsWithdrawn() {
      Referrer jane = f.customer("Jane");

      Referrer updated = f.program.changeConsent(jane.id(), false);

      assertFalse(updated.consentToContact());
      assertFalse(f.program.followUpsOf(jane.id()).isEmpty());
      assertTrue(
          f.program.followUpsOf(jane.id()).stream()
              .allMatch(
                  fu ->
                      fu.status() == FollowUpStatus.CANCELLED
                          && fu.note().orElseThrow().equals("consent withdrawn")));
      assertEquals(1, f.events(ConsentChanged.class).size());
    }

    @Test
    void shouldChangeNothingWhenStatusOrConsentIsUnchanged() {
      Referrer jane = f.customer("Jane");

      assertEquals(jane, f.program.changeStatus(jane.id(), ReferrerStatus.ACTIVE, "again"));
      assertEquals(jane, f.program.changeConsent(jane.id(), true));
      assertTrue(f.events(ReferrerStatusChanged.class).isEmpty());
    }

    @Test
    void shouldRecordSatisfactionScores() {
      Referrer jane = f.customer("Jane");

      Referrer rated = f.program.recordSatisfaction(jane.id(), 9);

      assertEquals(9, rated.satisfaction().orElseThrow().score());
      assertEquals(f.clock.instant(), rated.satisfaction().get().recordedAt());
      assertEquals(1, f.events(SatisfactionRecorded.class).size());
    }

    @Test
    void shouldRejectAScoreOutsideZeroToTen() {
      Referrer jane = f.customer("Jane");

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> f.program.recordSatisfaction(jane.id(), 11));
      assertTrue(e.getMessage().contains("score"), e.getMessage());
      assertTrue(f.program.referrer(jane.id()).satisfaction().isEmpty());
    }
  }

  @Nested
  class Reciprocity {
    @Test
    void shouldRecordReferralsSentToAPartner() {
      Referrer bakery = f.partner("Corner Bakery");

      f.program.recordOutboundReferral(bakery.id(), "sent the Millers for a wedding cake");

      assertEquals(
          "sent the Millers for a wedding cake", f.events(PartnerReferralSent.class).get(0).note());
    }

    @Test
    void shouldRefuseOutboundReferralsToANonPartner() {
      Referrer jane = f.customer("Jane");

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.program.recordOutboundReferral(jane.id(), "x"));
      assertTrue(e.getMessage().contains("partnerId R-1 is a CUSTOMER"), e.getMessage());
    }
  }

  @Test
  void shouldThrowForAnUnknownReferrer() {
    UnknownIdException e =
        assertThrows(UnknownIdException.class, () -> f.program.referrer(ReferrerId.of("R-404")));
    assertEquals("referrer R-404 does not exist", e.getMessage());
    assertTrue(f.program.findReferrer(ReferrerId.of("R-404")).isEmpty());
  }
}
