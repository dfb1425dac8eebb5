package dev.referral.core.internal;

import dev.referral.core.DispatchSettings;
import dev.referral.core.EmailAliasRules;
import dev.referral.core.Offer;
import dev.referral.core.ReferralLimits;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.notify.LoggingNotifier;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.CodeGenerator;
import dev.referral.core.spi.EmailNormalizer;
import dev.referral.core.spi.ExistingCustomerCheck;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.Notifier;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** The immutable settings of a program, with defaults resolved. */
public final class ProgramConfig {
  final ReferralStore store;
  final ReferralPolicy policy;
  final Optional<Offer> offer;
  final Notifier notifier;
  final Clock clock;
  final ZoneId zone;
  final PeriodStarts periods;
  final CodeGenerator codeGenerator;
  final IdGenerator idGenerator;
  final ReferralLimits limits;
  final Duration attributionWindow;
  final Duration clawbackWindow;
  final ExistingCustomerCheck existingCustomerCheck;
  final EmailNormalizer emailNormalizer;
  final DispatchSettings dispatch;
  final @Nullable RandomGenerator random;
  final Optional<String> signalSalt;
  final FraudChecks fraudChecks;
  final Optional<String> callingCode;

  /** Resolves the defaults of every setting left null. */
  public ProgramConfig(
      @Nullable ReferralStore store,
      @Nullable ReferralPolicy policy,
      @Nullable Offer offer,
      @Nullable Notifier notifier,
      @Nullable Clock clock,
      ZoneId zone,
      @Nullable CodeGenerator codeGenerator,
      @Nullable IdGenerator idGenerator,
      @Nullable ReferralLimits limits,
      Duration attributionWindow,
      Duration clawbackWindow,
      @Nullable ExistingCustomerCheck existingCustomerCheck,
      @Nullable EmailNormalizer emailNormalizer,
      @Nullable DispatchSettings dispatch,
      @Nullable RandomGenerator random,
      @Nullable String signalSalt,
      @Nullable FraudChecks fraudChecks,
      @Nullable String callingCode) {
    this.store = store != null ? store : new InMemoryReferralStore();
    this.offer = Optional.ofNullable(offer);
    this.policy = policy != null ? policy : defaultPolicy(offer);
    this.notifier = notifier != null ? notifier : new LoggingNotifier();
    this.clock = clock != null ? clock : Clock.systemUTC();
    this.zone = Objects.requireNonNull(zone, "zone");
    this.periods = new PeriodStarts(zone);
    this.codeGenerator = codeGenerator != null ? codeGenerator : CodeGenerator.secureRandom();
    this.idGenerator = idGenerator != null ? idGenerator : IdGenerator.random();
    this.limits = limits != null ? limits : ReferralLimits.NONE;
    this.attributionWindow = Objects.requireNonNull(attributionWindow, "attributionWindow");
    this.clawbackWindow = Objects.requireNonNull(clawbackWindow, "clawbackWindow");
    this.existingCustomerCheck =
        existingCustomerCheck != null ? existingCustomerCheck : ExistingCustomerCheck.NONE;
    this.emailNormalizer = emailNormalizer != null ? emailNormalizer : EmailAliasRules.defaults();
    this.dispatch = dispatch != null ? dispatch : DispatchSettings.ofDefaults();
    this.random = random;
    this.signalSalt = Optional.ofNullable(signalSalt);
    this.fraudChecks = fraudChecks != null ? fraudChecks : FraudChecks.none();
    this.callingCode = Optional.ofNullable(callingCode);
  }

  private static ReferralPolicy defaultPolicy(@Nullable Offer offer) {
    ReferralPolicy followUps = FollowUpPolicy.ofDefaults();
    return offer == null ? followUps : DoubleSidedPolicy.of(offer).and(followUps);
  }

  RandomGenerator random() {
    return random != null ? random : ThreadLocalRandom.current();
  }
}
