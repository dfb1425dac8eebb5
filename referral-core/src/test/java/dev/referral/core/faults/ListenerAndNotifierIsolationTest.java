package dev.referral.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Lead;
import dev.referral.core.Referrer;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.followup.FollowUpFixture;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failing notifiers and listeners lose nothing (issue 8); the program's failure isolation for
 * policies and checked exceptions is in {@code dev.referral.core.program.FailureIsolationTest}.
 */
class ListenerAndNotifierIsolationTest {

  private static final FollowUpPolicy ONBOARDING_ONLY =
      FollowUpPolicy.builder().disable(FollowUpKind.KEEP_IN_TOUCH).build();

  @Test
  void givenAFailingListener_whenACommandRuns_thenItStandsAndLaterListenersGetEveryEvent() {
    FollowUpFixture fx = FollowUpFixture.ofDefaults();
    List<ReferralEvent> seen = new ArrayList<>();
    fx.program.onEvent(
        e -> {
          throw new IllegalStateException("webhook down");
        });
    fx.program.on(
        LeadReferred.class,
        e -> {
          throw new IllegalStateException("analytics down");
        });
    fx.program.onEvent(seen::add);
    Referrer jane = fx.customer("Jane");

    Lead lead = fx.refer(jane, "Bob");

    assertEquals(lead, fx.program.lead(lead.id()), "the command stands");
    List<ReferralEvent> logged =
        fx.program.events(FollowUpFixture.START, fx.clock.instant().plusSeconds(1));
    assertEquals(logged, seen, "the last listener got every committed event, in order");
  }

  @Test
  void
      givenANotifierFailingForOneRecipient_whenDispatching_thenTheOthersAreSentAndItFailsWithItsReason()
          throws Exception {
    Notifier notifier = mock(Notifier.class);
    doNothing().when(notifier).send(any());
    doThrow(new IOException("mailbox full"))
        .when(notifier)
        .send(argThat(n -> n.recipient().name().equals("Ben")));
    FollowUpFixture fx =
        FollowUpFixture.builder()
            .policy(ONBOARDING_ONLY)
            .notifier(notifier)
            .dispatch(d -> d.maxAttempts(2))
            .build();
    List<ReferralEvent> published = new ArrayList<>();
    fx.program.onEvent(published::add);
    Referrer ann = fx.customer("Ann");
    Referrer ben = fx.customer("Ben");
    Referrer cat = fx.customer("Cat");

    fx.program.dispatchDueFollowUps();
    fx.advance(Duration.ofHours(2));
    fx.program.dispatchDueFollowUps();

    for (Referrer sent : List.of(ann, cat)) {
      FollowUp f = fx.program.followUpsOf(sent.id()).get(0);
      assertEquals(FollowUpStatus.SENT, f.status(), f.toString());
      assertEquals(1, f.attempts());
    }
    FollowUp failed = fx.program.followUpsOf(ben.id()).get(0);
    assertEquals(FollowUpStatus.FAILED, failed.status());
    assertEquals(2, failed.attempts());
    assertTrue(failed.note().orElseThrow().contains("mailbox full"), failed.toString());
    List<FollowUpFailed> failures =
        published.stream()
            .filter(FollowUpFailed.class::isInstance)
            .map(FollowUpFailed.class::cast)
            .toList();
    assertEquals(1, failures.size());
    assertTrue(failures.get(0).error().contains("mailbox full"));
    assertEquals(2, published.stream().filter(FollowUpSent.class::isInstance).count());
  }
}
