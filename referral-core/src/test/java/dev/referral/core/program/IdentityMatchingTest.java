package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.EmailAliasRules;
import dev.referral.core.Enrolment;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.RejectionReason;
import dev.referral.core.Signals;
import dev.referral.core.event.LeadRejected;
import dev.referral.core.spi.EmailNormalizer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 8: email aliases, phone formats and salted signals. */
class IdentityMatchingTest {
  static final String SALT = "pepper-for-tests-0001";
  static final Signals DEVICE =
      Signals.NONE
          .withIpAddress("203.0.113.7")
          .withDeviceId("device-4f1c")
          .withPaymentFingerprint("fp_1Hh9aZ");

  private static Lead referGmail(Fixture f, Referrer referrer, String email) {
    return f.program.refer(referrer.primaryCode().value(), Prospect.withEmail("Jane", email));
  }

  private static Referrer enrol(Fixture f, String email) {
    return f.program.enrol(Enrolment.customer("Jane").email(email).build());
  }

  @Nested
  class EmailAliases {
    final Fixture f = new Fixture();

    @Test
    void givenAGmailReferrer_whenTheyReferAGoogleMailAliasOfThemselves_thenItIsASelfReferral() {
      Referrer jane = enrol(f, "janedoe@gmail.com");

      Lead lead = referGmail(f, jane, "Jane.Doe+x@GoogleMail.com");

      assertEquals(RejectionReason.SELF_REFERRAL, lead.rejection().orElseThrow().reason());
    }

    @Test
    void givenAReferredGmailProspect_whenAnAliasIsReferredAgain_thenItIsAlreadyReferred() {
      Referrer ann = f.customer("Ann");
      Referrer bob = f.customer("Bob");
      Lead first = referGmail(f, ann, "j.a.n.e.doe@gmail.com");

      Lead second = referGmail(f, bob, "JaneDoe+spring-sale@googlemail.com");

      assertEquals(LeadStatus.REFERRED, first.status());
      assertEquals(RejectionReason.ALREADY_REFERRED, second.rejection().orElseThrow().reason());
      assertEquals(
          first.id(),
          f.program
              .findLeadFor(Prospect.withEmail("J", "jane.doe+other@gmail.com"))
              .orElseThrow()
              .id());
    }

    @Test
    void givenAnotherProvider_whenOnlyDotsDiffer_thenTheyAreDifferentPeopleButTagsAreFolded() {
      Referrer ann = f.customer("Ann");
      Referrer bob = f.customer("Bob");
      referGmail(f, ann, "jane.doe@example.org");

      assertEquals(LeadStatus.REFERRED, referGmail(f, bob, "janedoe@example.org").status());
      assertEquals(
          RejectionReason.ALREADY_REFERRED,
          referGmail(f, bob, "jane.doe+promo@example.org").rejection().orElseThrow().reason());
    }

    @Test
    void givenTheStandardNormalizer_whenAnAliasIsReferred_thenOnlyEqualAddressesMatch() {
      Fixture exact = new Fixture(b -> b.emailNormalizer(EmailNormalizer.STANDARD));
      Referrer jane = enrol(exact, "janedoe@gmail.com");

      assertEquals(LeadStatus.REFERRED, referGmail(exact, jane, "jane.doe+x@gmail.com").status());
    }

    @Test
    void givenCustomRules_whenFolding_thenPerDomainSeparatorsDotsAndAliasesApply() {
      EmailAliasRules rules =
          EmailAliasRules.builder()
              .tagSeparator("yahoo.com", '-')
              .keepTags("tags-matter.example")
              .ignoreDots("corp.example")
              .alias("corp-mail.example", "corp.example")
              .build();

      assertEquals("jane@yahoo.com", rules.normalize("Jane-Shopping@Yahoo.com"));
      assertEquals("jane+x@tags-matter.example", rules.normalize("jane+x@tags-matter.example"));
      assertEquals("janedoe@corp.example", rules.normalize("jane.doe+a@corp-mail.example"));
      assertEquals("+x@example.com", rules.normalize("+x@example.com"));
      assertEquals("a@example.com", rules.normalize("a.+b@example.com"));
    }

    @Test
    void givenBadRules_whenBuilding_thenTheArgumentOrConflictIsNamed() {
      EmailAliasRules.Builder builder = EmailAliasRules.builder();
      IllegalArgumentException dot =
          assertThrows(IllegalArgumentException.class, () -> builder.tagSeparator('.'));
      assertTrue(dot.getMessage().startsWith("separator"), dot.getMessage());
      IllegalArgumentException domain =
          assertThrows(IllegalArgumentException.class, () -> builder.ignoreDots("not a domain"));
      assertTrue(domain.getMessage().startsWith("domain"), domain.getMessage());
      IllegalStateException chain =
          assertThrows(
              IllegalStateException.class,
              () -> EmailAliasRules.builder().alias("old.example", "googlemail.com").build());
      assertTrue(chain.getMessage().contains("old.example"), chain.getMessage());
    }
  }

  @Nested
  class Phones {
    @Test
    void givenAPhoneInInternationalFormat_whenReferredInAnotherNotation_thenItMatches() {
      Fixture f = new Fixture();
      Referrer ann = f.customer("Ann");
      Referrer bob = f.customer("Bob");
      f.program.refer(ann.primaryCode().value(), Prospect.withPhone("Max", "+49 171 1234567"));

      Lead again =
          f.program.refer(
              bob.primaryCode().value(), Prospect.withPhone("Max", "0049 (171) 123-4567"));

      assertEquals(RejectionReason.ALREADY_REFERRED, again.rejection().orElseThrow().reason());
    }

    @Test
    void givenAReferrersPhone_whenTheyReferTheirOwnNumber_thenItIsASelfReferral() {
      Fixture f = new Fixture();
      Referrer max = f.program.enrol(Enrolment.customer("Max").phone("+44 20 7946 0958").build());

      Lead lead =
          f.program.refer(max.primaryCode().value(), Prospect.withPhone("M", "0044-20-7946-0958"));

      assertEquals(RejectionReason.SELF_REFERRAL, lead.rejection().orElseThrow().reason());
    }

    @Test
    void givenADefaultCallingCode_whenANationalNumberIsReferred_thenItMatchesTheInternationalOne() {
      Fixture german = new Fixture(b -> b.defaultCallingCode("49"));
      Fixture unset = new Fixture();
      for (Fixture f : List.of(german, unset)) {
        Referrer max = f.program.enrol(Enrolment.customer("Max").phone("+49 171 1234567").build());
        f.program.refer(max.primaryCode().value(), Prospect.withPhone("M", "0171 1234567"));
      }

      assertEquals(
          RejectionReason.SELF_REFERRAL,
          german.events(LeadRejected.class).get(0).rejection().reason());
      assertTrue(unset.events(LeadRejected.class).isEmpty());
      IllegalArgumentException bad =
          assertThrows(
              IllegalArgumentException.class,
              () -> ReferralProgram.builder().defaultCallingCode("049"));
      assertTrue(bad.getMessage().startsWith("defaultCallingCode"), bad.getMessage());
    }
  }

  @Nested
  class SaltedSignals {
    /** The signal keys stored with a lead, without the lead id. */
    private static Set<String> storedSignals(Fixture f, Lead lead) {
      Set<String> keys = f.store.inTransaction(tx -> tx.leads().identityKeys(lead.id()));
      Set<String> signals = new TreeSet<>();
      for (String key : keys) {
        if (!key.startsWith("email:")) {
          signals.add(key.substring(0, key.indexOf('#')));
        }
      }
      return signals;
    }

    private static Lead referWithSignals(Fixture f) {
      Referrer ann = f.customer("Ann");
      return f.program.refer(
          ReferralRequest.of(ann.primaryCode().value(), f.newProspect()).with(DEVICE));
    }

    @Test
    void givenSignals_whenStored_thenOnlySaltedHashesAreKeptNeverTheRawValues() {
      Fixture f = new Fixture(b -> b.signalSalt(SALT));

      Lead lead = referWithSignals(f);
      Set<String> stored = storedSignals(f, lead);

      assertEquals(3, stored.size(), stored::toString);
      for (String key : stored) {
        for (String raw : new String[] {"203.0.113.7", "device-4f1c", "fp_1Hh9aZ"}) {
          assertFalse(key.contains(raw), key);
          assertNotEquals(raw, key.substring(key.indexOf(':') + 1));
        }
      }
      String everything = f.events() + " " + f.published + " " + f.program.lead(lead.id());
      assertFalse(everything.contains("device-4f1c"));
    }

    @Test
    void givenTwoSalts_whenTheSameSignalsAreStored_thenTheHashesDiffer() {
      Fixture one = new Fixture(b -> b.signalSalt(SALT));
      Fixture same = new Fixture(b -> b.signalSalt(SALT));
      Fixture other = new Fixture(b -> b.signalSalt("another-pepper-0002"));

      Set<String> first = storedSignals(one, referWithSignals(one));

      assertEquals(first, storedSignals(same, referWithSignals(same)));
      Set<String> differently = storedSignals(other, referWithSignals(other));
      for (String key : first) {
        assertFalse(differently.contains(key), key);
      }
    }

    @Test
    void givenNoSalt_whenAReferralCarriesSignals_thenItFailsAndNothingIsSaved() {
      Fixture f = new Fixture();
      Referrer ann = f.customer("Ann");
      int events = f.events().size();

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  f.program.refer(
                      ReferralRequest.of(ann.primaryCode().value(), f.newProspect()).with(DEVICE)));

      assertTrue(e.getMessage().contains("signalSalt"), e.getMessage());
      assertEquals(events, f.events().size());
    }

    @Test
    void givenSignals_whenPrinted_thenNoRawValueShows() {
      ReferralRequest request =
          ReferralRequest.of("JANE-1", Prospect.withEmail("B", "b@example.org")).with(DEVICE);

      String text = request + " " + DEVICE;

      assertFalse(text.contains("203.0.113.7") || text.contains("device-4f1c"), text);
      assertTrue(text.contains("deviceId=<present>"), text);
      assertTrue(Signals.NONE.isEmpty());
    }

    @Test
    void givenABadSalt_whenConfigured_thenItIsRefusedWithoutShowingIt() {
      ReferralProgram.Builder builder = ReferralProgram.builder();
      IllegalArgumentException shortSalt =
          assertThrows(IllegalArgumentException.class, () -> builder.signalSalt("short"));
      assertTrue(shortSalt.getMessage().startsWith("signalSalt"), shortSalt.getMessage());
      builder.signalSalt(SALT);
      IllegalStateException twice =
          assertThrows(IllegalStateException.class, () -> builder.signalSalt(SALT));
      assertFalse(twice.getMessage().contains(SALT), twice.getMessage());
    }

    @Test
    void givenABadSignal_whenCreated_thenTheMessageNamesItButNotItsValue() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> Signals.NONE.withDeviceId("dev\u0000ice-1"));
      assertEquals("deviceId must not contain control characters", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Signals.NONE.withIpAddress(" "));
    }
  }
}
