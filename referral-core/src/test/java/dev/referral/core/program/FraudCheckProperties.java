package dev.referral.core.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.referral.core.Lead;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.Signals;
import dev.referral.core.event.LeadFlagged;
import dev.referral.core.fraud.FraudAction;
import dev.referral.core.fraud.FraudChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Issue 8: the counting checks flag exactly the referrals a simple model says they should. */
class FraudCheckProperties {

  private static Set<String> flagged(Fixture f) {
    Set<String> ids = new HashSet<>();
    for (LeadFlagged e : f.events(LeadFlagged.class)) {
      ids.add(e.leadId().value());
    }
    return ids;
  }

  @Property(tries = 60)
  void givenReferralsAtRandomGaps_whenCheckedForVelocity_thenFlagsMatchTheModel(
      @ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 40) Integer> gapsInMinutes,
      @ForAll @IntRange(min = 1, max = 4) int max) {
    Duration window = Duration.ofHours(1);
    Fixture f =
        new Fixture(
            b ->
                b.fraudChecks(FraudChecks.of(FraudChecks.velocity(max, window, FraudAction.FLAG))));
    Referrer ann = f.customer("Ann");
    List<Instant> times = new ArrayList<>();
    List<Boolean> expected = new ArrayList<>();
    List<Boolean> actual = new ArrayList<>();
    for (int gap : gapsInMinutes) {
      f.advance(Duration.ofMinutes(gap));
      Instant now = f.clock.instant();
      long inWindow = times.stream().filter(t -> !t.isBefore(now.minus(window))).count();
      expected.add(inWindow + 1 > max);
      times.add(now);
      Lead lead = f.refer(ann);
      actual.add(flagged(f).contains(lead.id().value()));
    }
    assertEquals(expected, actual);
  }

  @Property(tries = 60)
  void givenFriendsOnRandomDevices_whenCheckedForSharedSignals_thenFlagsMatchTheModel(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 3) Integer> devices,
      @ForAll @IntRange(min = 1, max = 3) int maxFriends) {
    Fixture f =
        new Fixture(
            b ->
                b.signalSalt(IdentityMatchingTest.SALT)
                    .fraudChecks(
                        FraudChecks.of(
                            FraudChecks.sharedSignal(
                                maxFriends, Duration.ofDays(30), FraudAction.FLAG))));
    Referrer ann = f.customer("Ann");
    List<Integer> seen = new ArrayList<>();
    List<Boolean> expected = new ArrayList<>();
    List<Boolean> actual = new ArrayList<>();
    for (int device : devices) {
      long sharing = 1 + seen.stream().filter(d -> d == device).count();
      expected.add(sharing > maxFriends);
      seen.add(device);
      Lead lead =
          f.program.refer(
              ReferralRequest.of(ann.primaryCode().value(), f.newProspect())
                  .with(Signals.NONE.withDeviceId("device-" + device)));
      actual.add(flagged(f).contains(lead.id().value()));
    }
    assertEquals(expected, actual);
  }
}
