package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seeds' "keep in touch" advice on one referral, from enrolment to the second quarterly letter,
 * with a dispatcher running every hour on a settable clock (issue 3).
 */
class FollowUpTimelineTest {

  private final FollowUpFixture fx = FollowUpFixture.ofDefaults();
  private final List<String> delivered = new ArrayList<>();

  /** Runs the hourly dispatcher up to {@code time}, then does {@code action} and dispatches. */
  private void at(String time, Runnable action) {
    Instant until = Instant.parse(time);
    while (fx.clock.instant().plus(Duration.ofHours(1)).isBefore(until)) {
      fx.advance(Duration.ofHours(1));
      record(fx.dispatch());
    }
    fx.clock.set(until);
    action.run();
    record(fx.dispatch());
  }

  private void record(List<Notification> run) {
    for (Notification n : run) {
      assertEquals(fx.clock.instant(), n.dueAt(), () -> "due time of " + n);
      assertEquals(1, n.attempt(), () -> "attempt of " + n);
      assertEquals(FollowUpFixture.OFFER.headline(), n.data().get("offerHeadline"));
      assertEquals("Jane", n.data().get("referrerName"));
      assertTrue(n.data().containsKey("referralCode"), () -> "referral code in " + n);
      String line = fx.clock.instant() + " " + FollowUpFixture.describe(n) + " by " + n.channel();
      for (String key : List.of("step", "nurture", "reward", "leadName")) {
        if (n.data().containsKey(key)) {
          line += " " + key + "=" + n.data().get(key);
        }
      }
      delivered.add(line);
    }
  }

  @Test
  void shouldKeepInTouchAtEveryStepOfAReferral() {
    // given
    Referrer[] jane = new Referrer[1];
    Lead[] bob = new Lead[1];

    // when
    at("2026-01-05T09:00:00Z", () -> jane[0] = fx.customer("Jane"));
    at("2026-01-06T09:00:00Z", () -> bob[0] = fx.refer(jane[0], "Bob"));
    at("2026-01-06T11:00:00Z", () -> fx.program.move(bob[0].id(), LeadStatus.CONTACTED, "called"));
    at("2026-01-16T09:00:00Z", () -> fx.program.recordSatisfaction(jane[0].id(), 9));
    at("2026-01-18T09:00:00Z", () -> fx.program.move(bob[0].id(), LeadStatus.QUALIFIED, "demo"));
    at(
        "2026-01-22T09:00:00Z",
        () ->
            fx.program.convert(
                bob[0].id(),
                Purchase.of("O-1", Money.of(100, "EUR"), Instant.parse("2026-01-22T09:00:00Z"))));
    at("2026-07-06T09:00:00Z", () -> {});

    // then
    assertEquals(
        List.of(
            "2026-01-05T09:00:00Z ONBOARDING to REFERRER Jane by EMAIL",
            "2026-01-06T09:00:00Z CONTACT_LEAD to PROSPECT Bob by EMAIL leadName=Bob",
            "2026-01-06T09:00:00Z PROGRESS_UPDATE to REFERRER Jane by EMAIL step=REFERRED"
                + " leadName=Bob",
            "2026-01-06T09:00:00Z REWARD_NOTICE to PROSPECT Bob by EMAIL reward=10% off"
                + " leadName=Bob",
            "2026-01-06T11:00:00Z PROGRESS_UPDATE to REFERRER Jane by EMAIL step=CONTACTED"
                + " leadName=Bob",
            "2026-01-13T09:00:00Z NURTURE_LEAD to PROSPECT Bob by EMAIL nurture=1 leadName=Bob",
            "2026-01-17T09:00:00Z ASK_FOR_REFERRALS to REFERRER Jane by EMAIL",
            "2026-01-18T09:00:00Z PROGRESS_UPDATE to REFERRER Jane by EMAIL step=QUALIFIED"
                + " leadName=Bob",
            "2026-01-20T09:00:00Z NURTURE_LEAD to PROSPECT Bob by EMAIL nurture=2 leadName=Bob",
            "2026-01-22T09:00:00Z PROGRESS_UPDATE to REFERRER Jane by EMAIL step=CONVERTED"
                + " leadName=Bob",
            "2026-01-22T09:00:00Z THANK_YOU to REFERRER Jane by EMAIL reward=10.00 EUR credit"
                + " leadName=Bob",
            "2026-02-21T09:00:00Z ASK_FOR_REFERRALS to REFERRER Jane by EMAIL leadName=Bob",
            "2026-04-05T09:00:00Z KEEP_IN_TOUCH to REFERRER Jane by LETTER",
            "2026-07-05T09:00:00Z KEEP_IN_TOUCH to REFERRER Jane by LETTER"),
        delivered);
  }

  @Test
  void shouldAddressEachNotificationWithTheRecipientsContactAndTheReferrersCode() {
    // given
    Referrer jane = fx.customer("Jane");
    Lead bob = fx.refer(jane, "Bob");

    // when
    List<Notification> sent = fx.dispatch();

    // then
    Notification onboarding = only(sent, FollowUpKind.ONBOARDING);
    assertEquals(Optional.of("jane@example.com"), onboarding.recipient().email());
    assertEquals(jane.id(), onboarding.recipient().referrerId());
    assertEquals(Optional.empty(), onboarding.recipient().leadId());
    assertEquals(jane.primaryCode().value(), onboarding.data().get("referralCode"));
    assertEquals("10.00 EUR credit", onboarding.data().get("offerReferrerIncentive"));
    assertEquals("10% off", onboarding.data().get("offerFriendIncentive"));
    Notification contact = only(sent, FollowUpKind.CONTACT_LEAD);
    assertEquals(Audience.PROSPECT, contact.recipient().audience());
    assertEquals(Optional.of("bob@example.org"), contact.recipient().email());
    assertEquals(Optional.of(bob.id()), contact.recipient().leadId());
    assertEquals(Channel.EMAIL, contact.channel());
    assertEquals(bob.id().value(), contact.data().get("leadId"));
    assertEquals("REFERRED", contact.data().get("leadStatus"));
    assertEquals(jane.primaryCode().value(), contact.data().get("referralCode"));
    assertEquals(fx.program.followUpsFor(bob.id()).get(0).id(), contact.id());
  }

  private static Notification only(List<Notification> sent, FollowUpKind kind) {
    List<Notification> found = sent.stream().filter(n -> n.kind().equals(kind)).toList();
    assertEquals(1, found.size(), () -> "notifications of " + kind + ": " + sent);
    return found.get(0);
  }
}
