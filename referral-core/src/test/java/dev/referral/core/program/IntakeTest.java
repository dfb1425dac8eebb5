package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Enrolment;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.RejectionReason;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.LeadRejected;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntakeTest {
  final Fixture f = new Fixture();

  private static RejectionReason reason(Lead lead) {
    assertEquals(LeadStatus.REJECTED, lead.status(), lead::toString);
    return lead.rejection().orElseThrow().reason();
  }

  @Nested
  class Accepting {
    @Test
    void shouldAcceptAReferralWithAnActiveCode() {
      // given
      Referrer jane = f.customer("Jane");
      // when
      Lead lead =
          f.program.refer(
              ReferralRequest.of(
                      jane.primaryCode().value().toLowerCase(),
                      Prospect.withEmail("Bob", " Bob@Example.ORG "))
                  .from("link"));
      // then
      assertEquals(LeadStatus.REFERRED, lead.status());
      assertEquals(Optional.of(jane.id()), lead.referrerId());
      assertEquals(Optional.of(jane.primaryCode()), lead.code());
      assertEquals("bob@example.org", lead.prospect().email().orElseThrow());
      assertEquals("link", lead.source());
      assertEquals(Fixture.START, lead.referredAt());
      assertEquals(Fixture.START.plus(Duration.ofDays(90)), lead.expiresAt());
      assertEquals(1, lead.history().size());
      assertEquals(lead, f.program.lead(lead.id()));
      assertEquals(1, f.events(LeadReferred.class).size());
    }

    @Test
    void shouldUseAConfiguredAttributionWindow() {
      Fixture custom = new Fixture(b -> b.attributionWindow(Duration.ofDays(30)));
      Lead lead = custom.refer(custom.customer("Jane"));

      assertEquals(Fixture.START.plus(Duration.ofDays(30)), lead.expiresAt());
    }

    @Test
    void shouldFindTheLeadThatHoldsAProspect() {
      Referrer jane = f.customer("Jane");
      Lead lead =
          f.program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.org"));

      assertEquals(
          lead.id(),
          f.program
              .findLeadFor(Prospect.withEmail("Robert", "BOB@example.org"))
              .orElseThrow()
              .id());
      assertTrue(f.program.findLeadFor(Prospect.withEmail("Eve", "eve@example.org")).isEmpty());
    }
  }

  @Nested
  class Rejecting {
    @Test
    void shouldRejectAnUnknownCode() {
      Lead lead = f.program.refer("NOPE2345", f.newProspect());

      assertEquals(RejectionReason.UNKNOWN_CODE, reason(lead));
      assertTrue(lead.referrerId().isEmpty());
      LeadRejected event = f.events(LeadRejected.class).get(0);
      assertEquals("NOPE2345", event.code());
      assertEquals(RejectionReason.UNKNOWN_CODE, event.rejection().reason());
    }

    @Test
    void shouldRejectAMalformedCodeAsUnknown() {
      Lead lead = f.program.refer("?!", f.newProspect());

      assertEquals(RejectionReason.UNKNOWN_CODE, reason(lead));
      assertTrue(lead.code().isEmpty());
    }

    @Test
    void shouldRejectARetiredCode() {
      Referrer jane = f.customer("Jane");
      f.program.retireCode(jane.primaryCode().value());

      Lead lead = f.refer(jane);

      assertEquals(RejectionReason.RETIRED_CODE, reason(lead));
      assertEquals(Optional.of(jane.id()), lead.referrerId());
    }

    @Test
    void shouldRejectReferralsOfAPausedOrBlockedReferrer() {
      Referrer paused = f.customer("Paula");
      Referrer blocked = f.customer("Blake");
      f.program.changeStatus(paused.id(), ReferrerStatus.PAUSED, "");
      f.program.changeStatus(blocked.id(), ReferrerStatus.BLOCKED, "");

      assertEquals(RejectionReason.INACTIVE_REFERRER, reason(f.refer(paused)));
      assertEquals(RejectionReason.INACTIVE_REFERRER, reason(f.refer(blocked)));
    }

    @Test
    void shouldRejectASelfReferralByEmailPhoneOrCustomerId() {
      Referrer jane =
          f.program.enrol(
              Enrolment.customer("Jane")
                  .email("jane@example.com")
                  .phone("+44 20 7946 0958")
                  .customerRef("C-17")
                  .build());
      String code = jane.primaryCode().value();

      assertEquals(
          RejectionReason.SELF_REFERRAL,
          reason(f.program.refer(code, Prospect.withEmail("J", "JANE@example.com"))));
      assertEquals(
          RejectionReason.SELF_REFERRAL,
          reason(f.program.refer(code, Prospect.withPhone("J", "0044 20 7946 0958"))));
      assertEquals(
          RejectionReason.SELF_REFERRAL,
          reason(
              f.program.refer(
                  code,
                  Prospect.builder("J").email("other@example.com").customerRef("C-17").build())));
    }

    @Test
    void shouldRejectAProspectWhoIsAlreadyACustomer() {
      Fixture withCheck =
          new Fixture(
              b ->
                  b.existingCustomerCheck(
                      p -> p.email().orElse("").endsWith("@customers.example")));
      Referrer jane = withCheck.customer("Jane");

      Lead lead =
          withCheck.program.refer(
              jane.primaryCode().value(), Prospect.withEmail("Old", "old@customers.example"));

      assertEquals(RejectionReason.ALREADY_CUSTOMER, reason(lead));
    }

    @Test
    void shouldKeepTheLeadWithTheFirstReferrer() {
      Referrer jane = f.customer("Jane");
      Referrer john = f.customer("John");
      Lead first =
          f.program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.org"));

      Lead second =
          f.program.refer(
              john.primaryCode().value(), Prospect.withEmail("Bobby", "bob@example.org"));

      assertEquals(RejectionReason.ALREADY_REFERRED, reason(second));
      assertTrue(second.rejection().orElseThrow().detail().contains(first.id().value()));
      assertEquals(
          Optional.of(jane.id()),
          f.program
              .findLeadFor(Prospect.withEmail("Bob", "bob@example.org"))
              .orElseThrow()
              .referrerId());
    }

    @Test
    void shouldAcceptTheProspectAgainOnceTheFirstLeadIsLost() {
      Referrer jane = f.customer("Jane");
      Referrer john = f.customer("John");
      Lead first =
          f.program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.org"));
      f.program.move(first.id(), LeadStatus.LOST, "not interested");

      Lead second =
          f.program.refer(john.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.org"));

      assertEquals(LeadStatus.REFERRED, second.status());
    }

    @Test
    void shouldNotLetARejectedLeadHoldTheProspect() {
      Referrer jane = f.customer("Jane");
      f.program.refer("NOPE2345", Prospect.withEmail("Bob", "bob@example.org"));

      Lead lead =
          f.program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.org"));

      assertFalse(lead.rejection().isPresent());
    }
  }
}
