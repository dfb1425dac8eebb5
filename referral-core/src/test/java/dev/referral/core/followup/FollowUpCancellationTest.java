package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.policy.FollowUpPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consent, referrer status and the end of a lead cancel the follow-ups they make unwanted. */
class FollowUpCancellationTest {

  private final FollowUpFixture fx = FollowUpFixture.ofDefaults();

  /** Dispatches daily for {@code days} days and returns everything delivered. */
  private List<Notification> dispatchDaily(int days) {
    List<Notification> sent = new ArrayList<>(fx.dispatch());
    for (int day = 0; day < days; day++) {
      fx.advance(Duration.ofDays(1));
      sent.addAll(fx.dispatch());
    }
    return sent;
  }

  private static List<Notification> to(Audience audience, List<Notification> sent) {
    return sent.stream().filter(n -> n.recipient().audience() == audience).toList();
  }

  private static List<String> kinds(List<Notification> sent) {
    return sent.stream().map(n -> n.kind().name()).toList();
  }

  @Nested
  class WhenConsentIsWithdrawn {

    @Test
    void shouldCancelThePendingFollowUpsToTheReferrerAndSendThemNothingAfterwards() {
      // given: an onboarding message, a quarterly letter, a progress update and an ask pending
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");
      fx.program.recordSatisfaction(jane.id(), 10);

      // when
      fx.program.changeConsent(jane.id(), false);
      fx.program.move(bob.id(), LeadStatus.CONTACTED, "called");
      fx.program.convert(bob.id(), Purchase.of("O-1", Money.of(50, "EUR"), fx.clock.instant()));
      List<Notification> sent = dispatchDaily(200);

      // then
      List<FollowUp> toJane =
          fx.program.followUpsOf(jane.id()).stream()
              .filter(f -> f.audience() == Audience.REFERRER)
              .toList();
      assertEquals(
          List.of("ONBOARDING", "KEEP_IN_TOUCH", "PROGRESS_UPDATE", "ASK_FOR_REFERRALS"),
          toJane.stream().map(f -> f.kind().name()).toList());
      for (FollowUp f : toJane) {
        assertEquals(FollowUpStatus.CANCELLED, f.status(), f::toString);
        assertEquals(Optional.of("consent withdrawn"), f.note());
      }
      assertEquals(List.of(), to(Audience.REFERRER, sent));
    }

    @Test
    void shouldStillFollowUpTheProspectsTheReferrerSent() {
      // given
      Referrer jane = fx.customer("Jane");
      fx.refer(jane, "Bob");

      // when
      fx.program.changeConsent(jane.id(), false);
      List<Notification> sent = dispatchDaily(30);

      // then: the prospect asked to be contacted; the referrer's consent is about the referrer
      assertEquals(
          List.of("CONTACT_LEAD", "REWARD_NOTICE", "NURTURE_LEAD", "NURTURE_LEAD", "NURTURE_LEAD"),
          kinds(to(Audience.PROSPECT, sent)));
    }

    @Test
    void shouldResumeTheQuarterlyLettersWhenConsentIsGivenAgain() {
      // given
      Referrer jane = fx.customer("Jane");
      fx.program.changeConsent(jane.id(), false);
      fx.advance(Duration.ofDays(10));

      // when
      fx.program.changeConsent(jane.id(), true);

      // then
      assertEquals(
          Instant.parse("2026-04-15T09:00:00Z"),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.KEEP_IN_TOUCH));
    }
  }

  @Nested
  class WhenTheReferrerIsBlockedOrPaused {

    @Test
    void shouldCancelEveryPendingFollowUpOfABlockedReferrer() {
      // given
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");

      // when
      fx.program.changeStatus(jane.id(), ReferrerStatus.BLOCKED, "fraud");
      fx.program.move(bob.id(), LeadStatus.CONTACTED, "called");
      List<Notification> sent = dispatchDaily(200);

      // then
      assertEquals(List.of(), sent);
      assertTrue(
          fx.program.followUpsOf(jane.id()).stream()
              .allMatch(f -> f.status() == FollowUpStatus.CANCELLED));
    }

    @Test
    void shouldSendAPausedReferrerNothingAndRestartTheLettersOnReactivation() {
      // given
      Referrer jane = fx.customer("Jane");
      fx.program.changeStatus(jane.id(), ReferrerStatus.PAUSED, "holiday");

      // when
      List<Notification> whilePaused = dispatchDaily(100);
      fx.program.changeStatus(jane.id(), ReferrerStatus.ACTIVE, "back");
      List<Notification> afterwards = dispatchDaily(100);

      // then
      assertEquals(List.of(), whilePaused);
      assertEquals(List.of("KEEP_IN_TOUCH"), kinds(afterwards));
      assertEquals(Instant.parse("2026-07-15T09:00:00Z"), afterwards.get(0).dueAt());
    }

    @Test
    void shouldCountWhatTheDispatcherCancelsInTheSummary() {
      // given: the onboarding message is due, and the referrer is paused
      Referrer jane = fx.customer("Jane");
      fx.program.changeStatus(jane.id(), ReferrerStatus.PAUSED, "holiday");

      // when
      DispatchSummary summary = fx.program.dispatchDueFollowUps();

      // then
      assertEquals(new DispatchSummary(0, 0, 0, 1), summary);
      FollowUp onboarding =
          fx.followUps(jane.id(), FollowUpKind.ONBOARDING, FollowUpStatus.CANCELLED).get(0);
      assertEquals(Optional.of("referrer is PAUSED"), onboarding.note());
    }
  }

  @Nested
  class WhenALeadEndsWhileItsFollowUpIsBeingDelivered {

    @Test
    void givenTheNotifierAcceptedIt_whenTheCancelCameTooLate_thenTheFollowUpIsRecordedAsSent() {
      // given: a notifier during whose delivery of the contact request the lead is lost
      AtomicReference<Runnable> duringContact = new AtomicReference<>(() -> {});
      List<Notification> delivered = new ArrayList<>();
      FollowUpFixture fx =
          FollowUpFixture.builder()
              .notifier(
                  n -> {
                    if (n.kind().equals(FollowUpKind.CONTACT_LEAD)) {
                      duringContact.get().run();
                    }
                    delivered.add(n);
                  })
              .build();
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");
      duringContact.set(() -> fx.program.move(bob.id(), LeadStatus.LOST, "moved away"));

      // when
      fx.advance(Duration.ofDays(1));
      DispatchSummary summary = fx.program.dispatchDueFollowUps();

      // then: delivered once, and recorded as sent, not as cancelled
      assertEquals(
          1, delivered.stream().filter(n -> n.kind().equals(FollowUpKind.CONTACT_LEAD)).count());
      assertEquals(
          1, fx.followUps(jane.id(), FollowUpKind.CONTACT_LEAD, FollowUpStatus.SENT).size());
      assertEquals(
          List.of(), fx.followUps(jane.id(), FollowUpKind.CONTACT_LEAD, FollowUpStatus.CANCELLED));
      assertEquals(delivered.size(), summary.sent());
    }
  }

  @Nested
  class WhenALeadEnds {

    static Stream<Arguments> endings() {
      BiConsumer<FollowUpFixture, Lead> lose =
          (fx, lead) -> fx.program.move(lead.id(), LeadStatus.LOST, "not interested");
      BiConsumer<FollowUpFixture, Lead> convert =
          (fx, lead) ->
              fx.program.convert(
                  lead.id(), Purchase.of("O-1", Money.of(80, "EUR"), fx.clock.instant()));
      BiConsumer<FollowUpFixture, Lead> expire =
          (fx, lead) -> {
            fx.advance(Duration.ofDays(90));
            fx.program.runMaintenance();
          };
      return Stream.of(
          Arguments.of(LeadStatus.LOST, lose),
          Arguments.of(LeadStatus.CONVERTED, convert),
          Arguments.of(LeadStatus.EXPIRED, expire));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void shouldCancelTheLeadsPendingFollowUps(
        LeadStatus end, BiConsumer<FollowUpFixture, Lead> how) {
      // given: a contacted lead with nurture messages, a reminder and progress updates pending
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");
      fx.program.move(bob.id(), LeadStatus.CONTACTED, "called");
      List<FollowUp> before = fx.program.followUpsFor(bob.id());

      // when
      how.accept(fx, bob);
      List<Notification> sent = dispatchDaily(120);

      // then
      assertEquals(end, fx.program.lead(bob.id()).status());
      for (FollowUp f : before) {
        FollowUp now =
            fx.program.followUpsFor(bob.id()).stream()
                .filter(x -> x.id().equals(f.id()))
                .findFirst()
                .orElseThrow();
        assertEquals(FollowUpStatus.CANCELLED, now.status(), now::toString);
        assertEquals(Optional.of("lead " + end), now.note());
      }
      assertEquals(
          List.of(),
          to(Audience.PROSPECT, sent).stream()
              .filter(n -> n.recipient().leadId().equals(Optional.of(bob.id())))
              .toList());
      assertTrue(
          sent.stream()
              .anyMatch(
                  n ->
                      n.kind().equals(FollowUpKind.PROGRESS_UPDATE)
                          && end.name().equals(n.data().get("step"))),
          "the referrer hears how it ended");
    }

    @Test
    void shouldNotRemindOrNurtureAProspectWhoseOfferHasRunOutBeforeMaintenanceExpiredTheLead() {
      // given: nobody dispatched nor ran maintenance for 91 days
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");
      fx.advance(Duration.ofDays(91));

      // when
      List<Notification> sent = fx.dispatch();

      // then
      assertEquals(LeadStatus.REFERRED, fx.program.lead(bob.id()).status());
      assertEquals(List.of(), to(Audience.PROSPECT, sent));
    }

    @Test
    void shouldNotScheduleNurtureMessagesBeyondTheAttributionWindow() {
      // given
      FollowUpFixture shortWindow =
          FollowUpFixture.builder().program(p -> p.attributionWindow(Duration.ofDays(10))).build();
      Referrer jane = shortWindow.customer("Jane");

      // when
      Lead bob = shortWindow.refer(jane, "Bob");

      // then
      assertEquals(
          List.of(bob.referredAt().plus(Duration.ofDays(7))),
          shortWindow.program.followUpsFor(bob.id()).stream()
              .filter(f -> f.kind().equals(FollowUpKind.NURTURE_LEAD))
              .map(FollowUp::dueAt)
              .toList());
    }

    @Test
    void shouldNotSendAFollowUpScheduledBeforeTheLeadEndedEvenAfterItsDispatcherCrashed() {
      // given: progress updates only; the first delivery kills the dispatcher holding the claim
      boolean[] crash = {true};
      FollowUpFixture crashing =
          FollowUpFixture.builder()
              .policy(
                  FollowUpPolicy.builder()
                      .disable(
                          FollowUpKind.ONBOARDING,
                          FollowUpKind.KEEP_IN_TOUCH,
                          FollowUpKind.CONTACT_LEAD,
                          FollowUpKind.NURTURE_LEAD,
                          FollowUpKind.REMINDER,
                          FollowUpKind.REWARD_NOTICE)
                      .build())
              .notifier(
                  n -> {
                    if (crash[0]) {
                      crash[0] = false;
                      throw new FollowUpFixture.DispatcherCrash();
                    }
                  })
              .build();
      Referrer jane = crashing.customer("Jane");
      Lead bob = crashing.refer(jane, "Bob");
      assertThrows(FollowUpFixture.DispatcherCrash.class, crashing.program::dispatchDueFollowUps);

      // when: the lead is lost while the REFERRED update is claimed, and the lease runs out
      crashing.program.move(bob.id(), LeadStatus.LOST, "went elsewhere");
      crashing.advance(Duration.ofHours(1));
      crashing.program.dispatchDueFollowUps();

      // then
      List<FollowUp> updates = crashing.program.followUpsFor(bob.id());
      assertEquals(
          List.of("REFERRED CANCELLED", "LOST SENT"),
          updates.stream().map(f -> f.data().get("step") + " " + f.status()).toList());
    }
  }
}
