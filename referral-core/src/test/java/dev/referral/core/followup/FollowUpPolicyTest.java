package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.event.DecisionFailed;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferrerEnrolled;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.policy.ScheduleFollowUp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each setting of {@link FollowUpPolicy}, its validation, and hosts' own follow-up kinds. */
class FollowUpPolicyTest {

  private static final Instant START = FollowUpFixture.START;

  /** The due times of the follow-ups of {@code kind} in {@code followUps} not cancelled. */
  private static List<Instant> due(List<FollowUp> followUps, FollowUpKind kind) {
    return followUps.stream()
        .filter(f -> f.kind().equals(kind) && f.status() != FollowUpStatus.CANCELLED)
        .map(FollowUp::dueAt)
        .toList();
  }

  /** A fixture whose follow-up policy is the defaults changed by {@code settings}. */
  private static FollowUpFixture with(Consumer<FollowUpPolicy.Builder> settings) {
    FollowUpPolicy.Builder builder = FollowUpPolicy.builder();
    settings.accept(builder);
    return FollowUpFixture.with(builder.build());
  }

  private static Purchase purchaseAt(Instant at) {
    return Purchase.of("O-" + at.getEpochSecond(), Money.of(60, "EUR"), at);
  }

  @Nested
  class EachSettingChangesWhatIsScheduled {

    @Test
    void shouldContactANewLeadAfterTheConfiguredDelay() {
      FollowUpFixture fx = with(b -> b.contactLeadAfter(Duration.ofHours(4)));
      Lead bob = fx.refer(fx.customer("Jane"), "Bob");

      assertEquals(
          List.of(START.plus(Duration.ofHours(4))),
          due(fx.program.followUpsFor(bob.id()), FollowUpKind.CONTACT_LEAD));
    }

    @Test
    void shouldNurtureAtTheConfiguredIntervalAndCount() {
      FollowUpFixture twice = with(b -> b.nurture(Duration.ofDays(3), 2));
      FollowUpFixture never = with(b -> b.nurture(Duration.ofDays(3), 0));

      Lead bob = twice.refer(twice.customer("Jane"), "Bob");
      Lead ann = never.refer(never.customer("Jane"), "Ann");

      assertEquals(
          List.of(START.plus(Duration.ofDays(3)), START.plus(Duration.ofDays(6))),
          due(twice.program.followUpsFor(bob.id()), FollowUpKind.NURTURE_LEAD));
      assertEquals(List.of(), due(never.program.followUpsFor(ann.id()), FollowUpKind.NURTURE_LEAD));
    }

    @Test
    void shouldTellTheReferrerOnlyAboutTheConfiguredSteps() {
      FollowUpFixture fx = with(b -> b.progressUpdatesOn(Set.of(LeadStatus.CONVERTED)));
      Lead bob = fx.refer(fx.customer("Jane"), "Bob");

      fx.program.move(bob.id(), LeadStatus.CONTACTED, "called");
      fx.program.convert(bob.id(), purchaseAt(START));

      assertEquals(
          List.of("CONVERTED"),
          fx.program.followUpsFor(bob.id()).stream()
              .filter(f -> f.kind().equals(FollowUpKind.PROGRESS_UPDATE))
              .map(f -> f.data().get("step"))
              .toList());
    }

    @Test
    void shouldAskAgainTheConfiguredTimeAfterAReward() {
      FollowUpFixture fx = with(b -> b.askAgainAfter(Duration.ofDays(10)));
      Referrer jane = fx.customer("Jane");
      fx.program.recordSatisfaction(jane.id(), 9);
      Lead bob = fx.refer(jane, "Bob");

      fx.advance(Duration.ofHours(2));
      fx.program.convert(bob.id(), purchaseAt(fx.clock.instant()));

      assertEquals(
          START.plus(Duration.ofHours(2)).plus(Duration.ofDays(10)),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.ASK_FOR_REFERRALS));
    }

    @Test
    void shouldAskTheConfiguredTimeAfterASatisfactionScore() {
      FollowUpFixture fx = with(b -> b.askAfterSatisfaction(Duration.ofDays(3)));
      Referrer jane = fx.customer("Jane");

      fx.program.recordSatisfaction(jane.id(), 9);

      assertEquals(
          START.plus(Duration.ofDays(3)),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.ASK_FOR_REFERRALS));
    }

    @Test
    void shouldAskOnlyCustomersWhoseScoreMeetsTheConfiguredThreshold() {
      FollowUpFixture lenient = with(b -> b.satisfactionThreshold(5));
      FollowUpFixture strict = FollowUpFixture.ofDefaults();
      Referrer five = lenient.customer("Five");
      Referrer four = lenient.customer("Four");
      Referrer fiveToStrict = strict.customer("Five");

      lenient.program.recordSatisfaction(five.id(), 5);
      lenient.program.recordSatisfaction(four.id(), 4);
      strict.program.recordSatisfaction(fiveToStrict.id(), 5);

      assertEquals(
          1,
          lenient
              .followUps(five.id(), FollowUpKind.ASK_FOR_REFERRALS, FollowUpStatus.PENDING)
              .size());
      assertEquals(
          List.of(), due(lenient.program.followUpsOf(four.id()), FollowUpKind.ASK_FOR_REFERRALS));
      assertEquals(
          List.of(),
          due(strict.program.followUpsOf(fiveToStrict.id()), FollowUpKind.ASK_FOR_REFERRALS));
    }

    @Test
    void shouldNotAskAgainWithinTheConfiguredMinimumInterval() {
      // given: an ask sent a day after a good score
      FollowUpFixture fx = with(b -> b.minAskInterval(Duration.ofDays(60)));
      Referrer jane = fx.customer("Jane");
      fx.program.recordSatisfaction(jane.id(), 9);
      fx.advance(Duration.ofDays(1));
      fx.dispatch();

      // when: another good score the next day
      fx.advance(Duration.ofDays(1));
      fx.program.recordSatisfaction(jane.id(), 10);

      // then: the next ask waits for the interval to pass since the last one
      assertEquals(
          START.plus(Duration.ofDays(61)),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.ASK_FOR_REFERRALS));
    }

    @Test
    void shouldStopAskingAfterTheConfiguredAsksWithoutAReferralUntilTheNextReferral() {
      // given: one ask sent, and the limit is one ask without a referral
      FollowUpFixture fx = with(b -> b.maxAsksWithoutReferral(1));
      Referrer jane = fx.customer("Jane");
      fx.program.recordSatisfaction(jane.id(), 9);
      fx.advance(Duration.ofDays(1));
      fx.dispatch();

      // when
      fx.advance(Duration.ofDays(40));
      fx.program.recordSatisfaction(jane.id(), 9);
      List<FollowUp> afterLimit =
          fx.followUps(jane.id(), FollowUpKind.ASK_FOR_REFERRALS, FollowUpStatus.PENDING);
      fx.refer(jane, "Bob");
      fx.program.recordSatisfaction(jane.id(), 9);

      // then
      assertEquals(List.of(), afterLimit);
      assertEquals(
          START.plus(Duration.ofDays(42)),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.ASK_FOR_REFERRALS));
    }

    @Test
    void shouldKeepInTouchAtTheConfiguredPeriod() {
      FollowUpFixture fx = with(b -> b.keepInTouchEvery(Period.ofMonths(1)));

      Referrer jane = fx.customer("Jane");

      assertEquals(
          Instant.parse("2026-02-05T09:00:00Z"),
          fx.onlyPendingDueAt(jane.id(), FollowUpKind.KEEP_IN_TOUCH));
    }

    @Test
    void shouldRemindTheConfiguredTimeBeforeTheOfferExpires() {
      FollowUpFixture fx = with(b -> b.remindBeforeExpiry(Duration.ofDays(30)));

      Lead bob = fx.refer(fx.customer("Jane"), "Bob");

      assertEquals(
          List.of(bob.expiresAt().minus(Duration.ofDays(30))),
          due(fx.program.followUpsFor(bob.id()), FollowUpKind.REMINDER));
    }

    @Test
    void shouldSendEachKindThroughItsConfiguredChannel() {
      FollowUpFixture fx =
          with(
              b ->
                  b.channel(FollowUpKind.THANK_YOU, Channel.SMS)
                      .channel(FollowUpKind.KEEP_IN_TOUCH, Channel.EMAIL));
      Referrer jane = fx.customer("Jane");
      Lead bob = fx.refer(jane, "Bob");

      fx.program.convert(bob.id(), purchaseAt(START));

      assertEquals(
          Channel.SMS,
          fx.followUps(jane.id(), FollowUpKind.THANK_YOU, FollowUpStatus.PENDING).get(0).channel());
      assertEquals(
          Channel.EMAIL,
          fx.followUps(jane.id(), FollowUpKind.KEEP_IN_TOUCH, FollowUpStatus.PENDING)
              .get(0)
              .channel());
      assertEquals(
          Channel.EMAIL,
          fx.followUps(jane.id(), FollowUpKind.ONBOARDING, FollowUpStatus.PENDING)
              .get(0)
              .channel());
    }

    @Test
    void shouldScheduleNothingOfADisabledKind() {
      FollowUpFixture fx = with(b -> b.disable(FollowUpKind.ONBOARDING, FollowUpKind.REMINDER));

      Referrer jane = fx.customer("Jane");
      fx.refer(jane, "Bob");

      List<FollowUp> all = fx.program.followUpsOf(jane.id());
      assertEquals(List.of(), due(all, FollowUpKind.ONBOARDING));
      assertEquals(List.of(), due(all, FollowUpKind.REMINDER));
      assertEquals(1, due(all, FollowUpKind.CONTACT_LEAD).size());
    }

    @Test
    void shouldDescribeItsSettings() {
      String text = FollowUpPolicy.builder().disable(FollowUpKind.REMINDER).build().toString();

      assertTrue(text.contains("nurture=3xPT168H"), text);
      assertTrue(text.contains("disabled=[REMINDER]"), text);
    }
  }

  @Nested
  class BadInput {

    static Stream<Arguments> badSettings() {
      Duration negative = Duration.ofDays(-1);
      return Stream.of(
          bad("delay must not be negative", b -> b.contactLeadAfter(negative)),
          bad("interval must be positive", b -> b.nurture(Duration.ZERO, 3)),
          bad("count must not be negative", b -> b.nurture(Duration.ofDays(7), -1)),
          bad(
              "steps must not contain REJECTED",
              b -> b.progressUpdatesOn(Set.of(LeadStatus.REJECTED))),
          bad("delay must not be negative", b -> b.askAgainAfter(negative)),
          bad("delay must not be negative", b -> b.askAfterSatisfaction(negative)),
          bad("threshold must be between 0 and 10", b -> b.satisfactionThreshold(11)),
          bad("threshold must be between 0 and 10", b -> b.satisfactionThreshold(-1)),
          bad("interval must not be negative", b -> b.minAskInterval(negative)),
          bad("max must not be negative", b -> b.maxAsksWithoutReferral(-1)),
          bad("period must be positive", b -> b.keepInTouchEvery(Period.ZERO)),
          bad("period must be positive", b -> b.keepInTouchEvery(Period.ofMonths(-3))),
          bad("before must be positive", b -> b.remindBeforeExpiry(Duration.ZERO)));
    }

    private static Arguments bad(String message, Consumer<FollowUpPolicy.Builder> setting) {
      return Arguments.of(message, setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void shouldRejectABadSettingNamingTheArgumentAndTheRule(
        String message, Consumer<FollowUpPolicy.Builder> setting) {
      FollowUpFixture.assertRejected(message, () -> setting.accept(FollowUpPolicy.builder()));
    }

    @Test
    void shouldRejectNullsNamingTheArgument() {
      FollowUpPolicy.Builder b = FollowUpPolicy.builder();

      FollowUpFixture.assertNullRejected("delay", () -> b.contactLeadAfter(null));
      FollowUpFixture.assertNullRejected("interval", () -> b.nurture(null, 1));
      FollowUpFixture.assertNullRejected("steps", () -> b.progressUpdatesOn(null));
      FollowUpFixture.assertNullRejected("period", () -> b.keepInTouchEvery(null));
      FollowUpFixture.assertNullRejected("kind", () -> b.channel(null, Channel.SMS));
      FollowUpFixture.assertNullRejected("channel", () -> b.channel(FollowUpKind.THANK_YOU, null));
      FollowUpFixture.assertNullRejected(
          "kinds contains null", () -> b.disable(FollowUpKind.THANK_YOU, null));
    }
  }

  @Nested
  class HostsOwnKinds {

    private final FollowUpKind welcomeGift = FollowUpKind.of("WELCOME_GIFT");
    private final FollowUpKind survey = FollowUpKind.of("SATISFACTION_SURVEY");
    private final Channel push = Channel.of("PUSH");

    /** Sends new referrers a welcome gift by push two days after they enrol. */
    private final ReferralPolicy welcomeGifts =
        ReferralPolicy.named(
            "welcome gifts",
            (event, context) ->
                event instanceof ReferrerEnrolled
                    ? List.of(
                        ScheduleFollowUp.of(
                                welcomeGift,
                                Audience.REFERRER,
                                event.at().plus(Duration.ofDays(2)),
                                "welcome gifts")
                            .via(push)
                            .withData(Map.of("gift", "a mug")))
                    : List.of());

    /** Surveys a prospect three days after they were contacted. */
    private final ReferralPolicy surveys =
        ReferralPolicy.named(
            "surveys",
            (event, context) ->
                event instanceof FollowUpSent sent && sent.kind().equals(FollowUpKind.CONTACT_LEAD)
                    ? List.of(
                        ScheduleFollowUp.of(
                            survey,
                            Audience.PROSPECT,
                            event.at().plus(Duration.ofDays(3)),
                            "surveys"))
                    : List.of());

    @Test
    void shouldDeliverAHostKindScheduledByAPolicyComposedWithAnd() {
      // given
      FollowUpFixture fx = FollowUpFixture.with(FollowUpPolicy.ofDefaults().and(welcomeGifts));
      Referrer jane = fx.customer("Jane");

      // when
      List<Notification> first = fx.dispatch();
      fx.advance(Duration.ofDays(2));
      List<Notification> second = fx.dispatch();

      // then
      assertEquals(
          List.of("ONBOARDING to REFERRER Jane"),
          first.stream().map(FollowUpFixture::describe).toList());
      assertEquals(1, second.size());
      Notification gift = second.get(0);
      assertEquals(welcomeGift, gift.kind());
      assertEquals(push, gift.channel());
      assertEquals("a mug", gift.data().get("gift"));
      assertEquals(jane.primaryCode().value(), gift.data().get("referralCode"));
    }

    @Test
    void shouldLetAHostPolicyComposedWithAllOfReactToSentFollowUps() {
      // given
      FollowUpFixture fx =
          FollowUpFixture.with(ReferralPolicy.allOf(FollowUpPolicy.ofDefaults(), surveys));
      Lead bob = fx.refer(fx.customer("Jane"), "Bob");
      fx.dispatch();

      // when
      fx.advance(Duration.ofDays(3));
      List<Notification> sent = fx.dispatch();

      // then
      assertEquals(
          List.of("SATISFACTION_SURVEY to PROSPECT Bob"),
          sent.stream().map(FollowUpFixture::describe).toList());
      assertEquals(bob.id(), sent.get(0).recipient().leadId().orElseThrow());
    }

    @Test
    void shouldLetAHostPolicyCancelBuiltInFollowUps() {
      // given: no more nurturing once a lead is qualified
      ReferralPolicy stopNurturing =
          (event, context) ->
              event instanceof LeadMoved moved && moved.to() == LeadStatus.QUALIFIED
                  ? List.of(CancelFollowUps.forLead("qualified", FollowUpKind.NURTURE_LEAD))
                  : List.of();
      FollowUpFixture fx = FollowUpFixture.with(FollowUpPolicy.ofDefaults().and(stopNurturing));
      Lead bob = fx.refer(fx.customer("Jane"), "Bob");
      fx.program.move(bob.id(), LeadStatus.CONTACTED, "called");

      // when
      fx.program.move(bob.id(), LeadStatus.QUALIFIED, "demo booked");

      // then
      List<FollowUp> followUps = fx.program.followUpsFor(bob.id());
      assertEquals(List.of(), due(followUps, FollowUpKind.NURTURE_LEAD));
      assertEquals(1, due(followUps, FollowUpKind.REMINDER).size());
    }

    @Test
    void shouldKeepTheBuiltInFollowUpsWhenAHostPolicyFails() {
      // given
      ReferralPolicy broken =
          ReferralPolicy.named(
              "broken",
              (event, context) -> {
                if (event instanceof LeadReferred) {
                  throw new IllegalStateException("boom");
                }
                return List.of();
              });
      FollowUpFixture fx = FollowUpFixture.with(FollowUpPolicy.ofDefaults().and(broken));
      List<DecisionFailed> failures = new ArrayList<>();
      fx.program.on(DecisionFailed.class, failures::add);

      // when
      Lead bob = fx.refer(fx.customer("Jane"), "Bob");

      // then
      assertEquals(1, due(fx.program.followUpsFor(bob.id()), FollowUpKind.CONTACT_LEAD).size());
      assertEquals(1, failures.size());
      assertEquals("broken", failures.get(0).policy());
    }
  }
}
