package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.DispatchSettings;
import dev.referral.core.Enrolment;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpKind;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.notify.RecordingNotifier;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.Notifier;
import dev.referral.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;

/**
 * A program on a settable clock with sequential ids, exact backoff (no jitter) and a recording
 * notifier, for follow-up tests. Not thread-safe to set up; the program itself is.
 */
public final class FollowUpFixture {

  /** A Monday morning. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  /** The offer every fixture program shows. */
  public static final Offer OFFER =
      Offer.of(
          "Give 10% off, get 10 EUR",
          Incentive.credit(Money.of(10, "EUR")), Incentive.percentDiscount("10"));

  /** The clock of the program. */
  public final SettableClock clock = SettableClock.at(START);

  /** Records what the program delivers (unless another notifier was given). */
  public final RecordingNotifier recorder = new RecordingNotifier();

  /** The program. */
  public final ReferralProgram program;

  private FollowUpFixture(Builder b) {
    DispatchSettings.Builder dispatch = DispatchSettings.builder().jitter(0);
    b.dispatch.accept(dispatch);
    ReferralProgram.Builder program =
        ReferralProgram.builder()
            .clock(clock)
            .offer(OFFER)
            .policy(DoubleSidedPolicy.of(OFFER).and(b.policy))
            .notifier(b.notifier == null ? recorder : b.notifier)
            .idGenerator(IdGenerator.sequential())
            .dispatch(dispatch.build());
    b.program.accept(program);
    this.program = program.build();
  }

  /** The double-sided offer and the default follow-up policy. */
  public static FollowUpFixture ofDefaults() {
    return builder().build();
  }

  /** The double-sided offer and {@code followUps}, recording notifications. */
  public static FollowUpFixture with(ReferralPolicy followUps) {
    return builder().policy(followUps).build();
  }

  /** Starts a fixture: the double-sided offer, the default follow-up policy, the recorder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Thrown by a notifier to stand for a dispatcher that dies after claiming its batch. */
  public static final class DispatcherCrash extends Error {
    private static final long serialVersionUID = 1L;

    /** A crash. */
    public DispatcherCrash() {
      super("dispatcher crashed");
    }
  }

  /** Builds a {@link FollowUpFixture}. */
  public static final class Builder {
    private ReferralPolicy policy = FollowUpPolicy.ofDefaults();
    private @Nullable Notifier notifier;
    private Consumer<DispatchSettings.Builder> dispatch = d -> {};
    private Consumer<ReferralProgram.Builder> program = p -> {};

    private Builder() {}

    /** The policy next to the double-sided offer's. */
    public Builder policy(ReferralPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** Delivers through {@code notifier} instead of the recorder. */
    public Builder notifier(Notifier notifier) {
      this.notifier = notifier;
      return this;
    }

    /** Changes the dispatch settings (which start without jitter). */
    public Builder dispatch(Consumer<DispatchSettings.Builder> dispatch) {
      this.dispatch = dispatch;
      return this;
    }

    /** Changes other program settings. */
    public Builder program(Consumer<ReferralProgram.Builder> program) {
      this.program = program;
      return this;
    }

    /** The fixture. */
    public FollowUpFixture build() {
      return new FollowUpFixture(this);
    }
  }

  /** Enrols a consenting customer with an email address. */
  public Referrer customer(String name) {
    return program.enrol(
        Enrolment.customer(name)
            .email(name.toLowerCase(Locale.ROOT) + "@example.com")
            .consentToContact(true)
            .build());
  }

  /** Refers a prospect with an email address by {@code referrer}'s code. */
  public Lead refer(Referrer referrer, String prospectName) {
    return program.refer(
        referrer.primaryCode().value(),
        Prospect.withEmail(prospectName, prospectName.toLowerCase(Locale.ROOT) + "@example.org"));
  }

  /** Moves the clock forward. */
  public Instant advance(Duration amount) {
    return clock.advance(amount);
  }

  /** Dispatches what is due and returns what the recorder received in that run, sorted. */
  public List<Notification> dispatch() {
    int before = recorder.notifications().size();
    program.dispatchDueFollowUps();
    List<Notification> all = recorder.notifications();
    List<Notification> run = new ArrayList<>(all.subList(before, all.size()));
    run.sort(BY_DUE_KIND_AND_NAME);
    return run;
  }

  /** The follow-ups of {@code referrerId} of {@code kind} in {@code status}. */
  public List<FollowUp> followUps(ReferrerId referrerId, FollowUpKind kind, FollowUpStatus status) {
    return program.followUpsOf(referrerId).stream()
        .filter(f -> f.kind().equals(kind) && f.status() == status)
        .toList();
  }

  /** The due time of the one pending follow-up of {@code kind} to {@code referrerId}. */
  public Instant onlyPendingDueAt(ReferrerId referrerId, FollowUpKind kind) {
    List<FollowUp> pending = followUps(referrerId, kind, FollowUpStatus.PENDING);
    if (pending.size() != 1) {
      throw new AssertionError("expected one pending " + kind + " but found " + pending);
    }
    return pending.get(0).dueAt();
  }

  /** Asserts that {@code call} throws an IllegalArgumentException whose message starts so. */
  public static void assertRejected(String messageStart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(messageStart), e::getMessage);
  }

  /** Asserts that {@code call} throws a NullPointerException naming {@code argument}. */
  public static void assertNullRejected(String argument, Executable call) {
    assertEquals(argument, assertThrows(NullPointerException.class, call).getMessage());
  }

  /** Orders notifications by due time, kind and recipient, so that ties read the same each run. */
  public static final Comparator<Notification> BY_DUE_KIND_AND_NAME =
      Comparator.comparing(Notification::dueAt)
          .thenComparing(n -> n.kind().name())
          .thenComparing(n -> n.recipient().name());

  /** "KIND to AUDIENCE Name" for short assertions. */
  public static String describe(Notification n) {
    return n.kind() + " to " + n.recipient().audience() + " " + n.recipient().name();
  }
}
