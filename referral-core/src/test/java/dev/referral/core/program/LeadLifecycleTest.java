package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.FollowUpStatus;
import dev.referral.core.IllegalLeadTransitionException;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Referrer;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.LeadMoved;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadLifecycleTest {
  final Fixture f = new Fixture();

  @Test
  void shouldMoveStepByStepAndKeepEveryMoveInTheHistory() {
    // given
    Lead lead = f.refer(f.customer("Jane"));
    // when
    f.advance(Duration.ofHours(2));
    f.program.move(lead.id(), LeadStatus.CONTACTED, "called");
    f.advance(Duration.ofDays(1));
    Lead qualified = f.program.move(lead.id(), LeadStatus.QUALIFIED, " wants the premium plan ");
    // then
    assertEquals(LeadStatus.QUALIFIED, qualified.status());
    assertEquals(3, qualified.version());
    List<LeadTransition> history = qualified.history();
    assertEquals(3, history.size());
    assertEquals(Optional.empty(), history.get(0).from());
    assertEquals(LeadStatus.REFERRED, history.get(0).to());
    assertEquals(Optional.of(LeadStatus.REFERRED), history.get(1).from());
    assertEquals(LeadStatus.CONTACTED, history.get(1).to());
    assertEquals(Fixture.START.plus(Duration.ofHours(2)), history.get(1).at());
    assertEquals("called", history.get(1).note());
    assertEquals("wants the premium plan", history.get(2).note());
    assertEquals(2, f.events(LeadMoved.class).size());
  }

  @Test
  void shouldLoseALeadFromAnyOpenStateAndCancelItsFollowUps() {
    Referrer jane = f.customer("Jane");
    for (LeadStatus open :
        List.of(LeadStatus.REFERRED, LeadStatus.CONTACTED, LeadStatus.QUALIFIED)) {
      Lead lead = f.refer(jane);
      if (open != LeadStatus.REFERRED) {
        f.program.move(lead.id(), LeadStatus.CONTACTED, "");
      }
      if (open == LeadStatus.QUALIFIED) {
        f.program.move(lead.id(), LeadStatus.QUALIFIED, "");
      }

      Lead lost = f.program.move(lead.id(), LeadStatus.LOST, "bought elsewhere");

      assertEquals(LeadStatus.LOST, lost.status());
      assertTrue(
          f.program.followUpsFor(lead.id()).stream()
              .filter(fu -> fu.createdAt().isBefore(f.clock.instant().plusSeconds(1)))
              .filter(fu -> fu.audience() == dev.referral.core.Audience.PROSPECT)
              .allMatch(fu -> fu.status() == FollowUpStatus.CANCELLED));
    }
  }

  @Test
  void shouldRefuseAnIllegalMoveNamingTheLeadAndStatesAndChangeNothing() {
    Lead lead = f.refer(f.customer("Jane"));
    f.program.move(lead.id(), LeadStatus.LOST, "");
    Lead before = f.program.lead(lead.id());
    int events = f.events().size();

    IllegalLeadTransitionException e =
        assertThrows(
            IllegalLeadTransitionException.class,
            () -> f.program.move(lead.id(), LeadStatus.CONTACTED, "too late"));

    assertEquals("lead " + lead.id() + " cannot move from LOST to CONTACTED", e.getMessage());
    assertEquals(lead.id(), e.leadId());
    assertEquals(LeadStatus.LOST, e.from());
    assertEquals(LeadStatus.CONTACTED, e.to());
    assertEquals(before, f.program.lead(lead.id()));
    assertEquals(events, f.events().size());
  }

  @Test
  void shouldRefuseMovesThatSkipOrGoBackOrConvertWithoutAPurchase() {
    Lead lead = f.refer(f.customer("Jane"));

    assertThrows(
        IllegalLeadTransitionException.class,
        () -> f.program.move(lead.id(), LeadStatus.QUALIFIED, ""));
    assertThrows(
        IllegalLeadTransitionException.class,
        () -> f.program.move(lead.id(), LeadStatus.CONVERTED, ""));
    assertThrows(
        IllegalLeadTransitionException.class,
        () -> f.program.move(lead.id(), LeadStatus.EXPIRED, ""));
    assertThrows(
        IllegalLeadTransitionException.class,
        () -> f.program.move(lead.id(), LeadStatus.REFERRED, ""));
    f.program.move(lead.id(), LeadStatus.CONTACTED, "");
    assertThrows(
        IllegalLeadTransitionException.class,
        () -> f.program.move(lead.id(), LeadStatus.REFERRED, ""));
    assertEquals(LeadStatus.CONTACTED, f.program.lead(lead.id()).status());
  }

  @Test
  void shouldExpireOpenLeadsWhenTheAttributionWindowPasses() {
    Lead lead = f.refer(f.customer("Jane"));
    f.advance(Duration.ofDays(89));
    assertEquals(0, f.program.runMaintenance().leadsExpired());

    f.advance(Duration.ofDays(1));
    assertEquals(1, f.program.runMaintenance().leadsExpired());

    Lead expired = f.program.lead(lead.id());
    assertEquals(LeadStatus.EXPIRED, expired.status());
    assertEquals("attribution window closed", expired.history().get(1).note());
    assertEquals(LeadStatus.EXPIRED, f.events(LeadMoved.class).get(0).to());
    assertEquals(0, f.program.runMaintenance().leadsExpired());
  }

  @Test
  void shouldThrowForAnUnknownLead() {
    UnknownIdException e =
        assertThrows(
            UnknownIdException.class,
            () -> f.program.move(LeadId.of("L-404"), LeadStatus.LOST, ""));
    assertEquals("lead L-404 does not exist", e.getMessage());
  }
}
