package dev.referral.core.internal;

import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.Signals;
import dev.referral.core.fraud.FraudAction;
import dev.referral.core.fraud.FraudCheck;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.fraud.FraudContext;
import dev.referral.core.fraud.FraudVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the fraud checks on a referral the standard guards accepted. */
final class FraudScreen implements FraudContext {
  private static final Logger log = LoggerFactory.getLogger(FraudScreen.class);

  /** A check that flagged the referral. */
  record Flag(String check, String detail) {
    /** The flag of {@code check} that threw {@code error}. */
    static Flag failed(String check, Throwable error) {
      return new Flag(check, "check failed: " + truncate(String.valueOf(error)));
    }

    @Override
    public String toString() {
      return detail.isEmpty() ? check : check + ": " + detail;
    }
  }

  /** The outcome: a rejection, or the flags (possibly none) of an accepted referral. */
  record Outcome(Optional<Rejection> rejection, List<Flag> flags) {}

  /** How the intake note of a flagged lead starts; the program holds such a lead's rewards. */
  static final String FLAGGED = "flagged for review: ";

  /** Whether a fraud check (or a failing customer check) flagged {@code lead} at intake. */
  static boolean isFlagged(Lead lead) {
    LeadTransition intake = lead.history().get(0);
    return intake.to() == LeadStatus.REFERRED && intake.note().startsWith(FLAGGED);
  }

  private final Unit u;
  private final Identities identities;
  private final ReferralRequest request;
  private final Referrer referrer;
  private final ReferralCode code;
  private final Set<String> prospectKeys;
  private final Set<String> prospectSignals;
  private @Nullable Set<String> referrerKeys;
  private boolean referralsLocked;

  FraudScreen(
      Unit u,
      Identities identities,
      ReferralRequest request,
      Referrer referrer,
      ReferralCode code,
      Set<String> prospectKeys,
      Set<String> prospectSignals) {
    this.u = u;
    this.identities = identities;
    this.request = request;
    this.referrer = referrer;
    this.code = code;
    Set<String> all = new LinkedHashSet<>(prospectKeys);
    all.addAll(prospectSignals);
    this.prospectKeys = Set.copyOf(all);
    this.prospectSignals = Set.copyOf(prospectSignals);
  }

  /** Runs {@code checks} in order; the first rejection ends the run. */
  Outcome run(FraudChecks checks) {
    List<Flag> flags = new ArrayList<>();
    for (FraudCheck check : checks.checks()) {
      FraudVerdict verdict;
      try {
        verdict = Objects.requireNonNull(check.check(this), "verdict of " + check.name());
      } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
        // as for policies: a broken check must never block the referral
        log.warn(
            "Fraud check '{}' failed; the referral is flagged for review: {}",
            check.name(),
            e.toString());
        verdict = FraudVerdict.flag(Flag.failed(check.name(), e).detail());
      }
      if (verdict.action() == FraudAction.REJECT) {
        return new Outcome(
            Optional.of(
                new Rejection(
                    RejectionReason.FRAUD_SUSPECTED,
                    new Flag(check.name(), verdict.detail()).toString())),
            List.of());
      }
      if (verdict.action() == FraudAction.FLAG) {
        flags.add(new Flag(check.name(), verdict.detail()));
      }
    }
    return new Outcome(Optional.empty(), List.copyOf(flags));
  }

  private static String truncate(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "...";
  }

  @Override
  public Instant now() {
    return u.now;
  }

  @Override
  public ReferralRequest request() {
    return request;
  }

  @Override
  public Referrer referrer() {
    return referrer;
  }

  @Override
  public ReferralCode code() {
    return code;
  }

  @Override
  public Set<String> prospectKeys() {
    return prospectKeys;
  }

  @Override
  public Set<String> prospectSignals() {
    return prospectSignals;
  }

  @Override
  public Set<String> referrerKeys() {
    if (referrerKeys == null) {
      Set<String> own = identities.of(referrer);
      Set<String> keys = new LinkedHashSet<>(own);
      if (!own.isEmpty()) {
        u.tx.leads().findHolding(own).ifPresent(l -> keys.addAll(signalsOf(l)));
      }
      referrerKeys = Set.copyOf(keys);
    }
    return referrerKeys;
  }

  @Override
  public Set<String> keysOf(Signals signals) {
    Objects.requireNonNull(signals, "signals");
    return identities.signals(signals);
  }

  @Override
  public Set<String> identityKeysOf(String emailOrPhone) {
    Objects.requireNonNull(emailOrPhone, "emailOrPhone");
    return identities.ofContact(emailOrPhone);
  }

  @Override
  public List<Lead> referralsSince(Instant since) {
    Objects.requireNonNull(since, "since");
    // The first read locks the referrer's referrals until commit, so that concurrent referrals of
    // one referrer each count the others (velocity); later reads run under the same lock.
    if (referralsLocked) {
      return List.copyOf(u.tx.leads().findByReferrer(referrer.id(), since));
    }
    List<Lead> found = List.copyOf(u.tx.leads().lockAndFindByReferrer(referrer.id(), since));
    referralsLocked = true;
    return found;
  }

  @Override
  public Set<String> signalsOf(Lead lead) {
    Objects.requireNonNull(lead, "lead");
    return Identities.signalsIn(u.tx.leads().identityKeys(lead.id()));
  }
}
