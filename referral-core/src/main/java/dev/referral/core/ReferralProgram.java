package dev.referral.core;

import dev.referral.core.event.ReferralEvent;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.internal.DefaultReferralProgram;
import dev.referral.core.internal.ProgramConfig;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.CodeGenerator;
import dev.referral.core.spi.EmailNormalizer;
import dev.referral.core.spi.ExistingCustomerCheck;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.Notifier;
import dev.referral.core.spi.ReferralStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A referral program embedded in a shop backend: the one entry point for every flow. Build one with
 * {@link #builder()}.
 *
 * <p>Every command runs in one store transaction: the state change, its events and every decision
 * of the policy (rewards, follow-ups) are saved together or not at all. Invalid arguments throw
 * {@link IllegalArgumentException} or {@link NullPointerException} naming the argument before
 * anything is saved; unknown ids throw {@link UnknownIdException}. Listeners receive the events
 * after commit. Notifications are never sent inside a transaction: follow-ups wait in a durable
 * schedule until {@link #dispatchDueFollowUps()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReferralProgram {

  /** Starts a program with the in-memory store and the default policies. */
  static Builder builder() {
    return new Builder();
  }

  // Referrers

  /**
   * Enrols a referrer and issues their first code (the vanity code, if given and free).
   *
   * @throws dev.referral.core.spi.DuplicateKeyException if the vanity code is taken
   */
  Referrer enrol(Enrolment enrolment);

  /**
   * The referrer with {@code id}.
   *
   * @throws UnknownIdException if there is none
   */
  Referrer referrer(ReferrerId id);

  /** The referrer with {@code id}, if any. */
  Optional<Referrer> findReferrer(ReferrerId id);

  /** The referrer that was issued {@code code} (as typed), if any, whether retired or not. */
  Optional<Referrer> findReferrerByCode(String code);

  /** Issues another generated code to a referrer. */
  ReferralCode issueCode(ReferrerId id);

  /**
   * Issues the vanity code {@code code} to a referrer.
   *
   * @throws dev.referral.core.spi.DuplicateKeyException if the code is taken
   */
  ReferralCode issueCode(ReferrerId id, String code);

  /**
   * Retires a code: referrals with it are rejected with {@link RejectionReason#RETIRED_CODE}.
   * Retiring a retired code changes nothing.
   *
   * @throws UnknownIdException if no referrer has the code
   */
  Referrer retireCode(String code);

  /** Pauses, blocks or re-activates a referrer. Blocking cancels their pending follow-ups. */
  Referrer changeStatus(ReferrerId id, ReferrerStatus status, String note);

  /**
   * Records consent to be contacted. Withdrawal cancels the pending follow-ups to the referrer; the
   * prospects they referred are still followed up.
   */
  Referrer changeConsent(ReferrerId id, boolean consentToContact);

  /** Records a satisfaction score, 0 to 10; asks for referrals go only to satisfied customers. */
  Referrer recordSatisfaction(ReferrerId id, int score);

  /** Records that the shop referred one of its customers to partner {@code partnerId}. */
  void recordOutboundReferral(ReferrerId partnerId, String note);

  // Leads

  /**
   * Takes a referral with {@code code} (as typed) from the default source. See {@link
   * #refer(ReferralRequest)}.
   */
  Lead refer(String code, Prospect prospect);

  /**
   * Takes a referral. The result is a new lead: {@link LeadStatus#REFERRED} when accepted, {@link
   * LeadStatus#REJECTED} with a {@link Rejection} otherwise (unknown or retired code, inactive
   * referrer, self-referral, existing customer, prospect already referred, or a {@linkplain
   * Builder#fraudChecks fraud check}). A fraud check may also flag an accepted lead: its rewards
   * then wait for {@link #approveReward} or {@link #rejectReward}.
   *
   * @throws IllegalStateException if the request carries signals but no {@linkplain
   *     Builder#signalSalt signal salt} is set; nothing is saved
   */
  Lead refer(ReferralRequest request);

  /**
   * Moves a lead: to CONTACTED, QUALIFIED or LOST.
   *
   * @throws IllegalLeadTransitionException if the move is not allowed; nothing changes
   */
  Lead move(LeadId id, LeadStatus to, String note);

  /**
   * The lead with {@code id}.
   *
   * @throws UnknownIdException if there is none
   */
  Lead lead(LeadId id);

  /** The lead with {@code id}, if any. */
  Optional<Lead> findLead(LeadId id);

  /** The lead that currently holds {@code prospect} (open or converted), if any. */
  Optional<Lead> findLeadFor(Prospect prospect);

  /**
   * Records a purchase by a lead: converts an open lead, records a repeat purchase of a converted
   * one, and attributes nothing to a lead that is lost, rejected or past its attribution window. An
   * order id seen before changes nothing and returns the earlier result.
   *
   * @throws dev.referral.core.ReferralException if the order id was recorded for another lead
   */
  ConversionResult convert(LeadId leadId, Purchase purchase);

  /**
   * Records a refund. Within the clawback window, a full refund revokes the rewards its order
   * caused and a partial one reduces percentage commissions in proportion. A refund id seen before
   * changes nothing.
   *
   * @throws UnknownIdException if the order was never recorded
   * @throws IllegalArgumentException if the refunds would exceed the order amount
   */
  RefundResult refund(Refund refund);

  // Rewards

  /**
   * The reward with {@code id}.
   *
   * @throws UnknownIdException if there is none
   */
  Reward reward(RewardId id);

  /** The rewards of a referrer's referrals, oldest first. */
  List<Reward> rewardsOf(ReferrerId referrerId);

  /** The rewards a lead caused, oldest first. */
  List<Reward> rewardsFor(LeadId leadId);

  /** An operator approves a pending reward; it is issued once its hold, if any, ends. */
  Reward approveReward(RewardId id, String note);

  /** An operator rejects a pending reward: it is revoked with {@code reason}. */
  Reward rejectReward(RewardId id, String reason);

  /** Revokes a pending or issued reward with {@code reason}. */
  Reward revokeReward(RewardId id, String reason);

  /** Records that the beneficiary used an issued reward. */
  Reward redeemReward(RewardId id);

  // Follow-ups and maintenance

  /** The follow-ups about a referrer (their leads' included), oldest first. */
  List<FollowUp> followUpsOf(ReferrerId referrerId);

  /** The follow-ups about a lead, oldest first. */
  List<FollowUp> followUpsFor(LeadId leadId);

  /**
   * Delivers the follow-ups due now through the notifier; call it from the host's scheduler. Safe
   * to run on several threads and nodes at once: each follow-up is claimed by one dispatcher.
   */
  DispatchSummary dispatchDueFollowUps();

  /**
   * Expires leads past their attribution window, issues held rewards whose hold ended, and expires
   * unused rewards; call it from the host's scheduler.
   */
  MaintenanceSummary runMaintenance();

  /**
   * Decides again on events whose policy failed; decisions already applied are not repeated. The
   * policy decides as at the event: its context has the event's time and the referrer's conversion
   * counts as they were then (reward totals are today's).
   */
  RetrySummary retryFailedDecisions();

  // Reports and events

  /**
   * Which referral sources worked best from {@code from} (inclusive) to {@code to} (exclusive),
   * with money in {@code currency}.
   *
   * @throws CurrencyMismatchException if activity in the period is in another currency
   */
  SourceReport sourceReport(Instant from, Instant to, Currency currency);

  /** The events from {@code from} (inclusive) to {@code to} (exclusive), in order. */
  List<ReferralEvent> events(Instant from, Instant to);

  /**
   * Delivers every committed event to {@code listener}, on the thread that made the change. A
   * listener that throws is logged and undoes nothing.
   */
  Subscription onEvent(Consumer<? super ReferralEvent> listener);

  /** Delivers committed events of {@code type} to {@code listener}. */
  <E extends ReferralEvent> Subscription on(Class<E> type, Consumer<? super E> listener);

  /** The program's clock. */
  Clock clock();

  /**
   * Builds a {@link ReferralProgram}. Each setting may be given once; a bad value fails in its
   * setter. Not thread-safe.
   */
  final class Builder {
    /** Default attribution window: 90 days. */
    public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(90);

    /** Default clawback window for refunds: 30 days. */
    public static final Duration DEFAULT_CLAWBACK_WINDOW = Duration.ofDays(30);

    /** Default time zone for calendar months and years: UTC. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private @Nullable ReferralStore store;
    private @Nullable ReferralPolicy policy;
    private @Nullable Offer offer;
    private @Nullable Notifier notifier;
    private @Nullable Clock clock;
    private @Nullable ZoneId zone;
    private @Nullable CodeGenerator codeGenerator;
    private @Nullable IdGenerator idGenerator;
    private @Nullable ReferralLimits limits;
    private @Nullable Duration attributionWindow;
    private @Nullable Duration clawbackWindow;
    private @Nullable ExistingCustomerCheck existingCustomerCheck;
    private @Nullable EmailNormalizer emailNormalizer;
    private @Nullable DispatchSettings dispatch;
    private @Nullable RandomGenerator random;
    private @Nullable String signalSalt;
    private @Nullable FraudChecks fraudChecks;
    private @Nullable String callingCode;

    Builder() {}

    private static <T> T once(@Nullable T current, T value, String name) {
      Objects.requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
      return value;
    }

    /** Where state is kept; an {@code InMemoryReferralStore} by default. */
    public Builder store(ReferralStore store) {
      this.store = once(this.store, store, "store");
      return this;
    }

    /**
     * What decides rewards and follow-ups. By default: the {@code FollowUpPolicy} defaults, plus
     * the {@code DoubleSidedPolicy} of the {@linkplain #offer offer} if one is set.
     */
    public Builder policy(ReferralPolicy policy) {
      this.policy = once(this.policy, policy, "policy");
      return this;
    }

    /** The offer shown in every notification. */
    public Builder offer(Offer offer) {
      this.offer = once(this.offer, offer, "offer");
      return this;
    }

    /** Delivers notifications; an SLF4J logging notifier by default. */
    public Builder notifier(Notifier notifier) {
      this.notifier = once(this.notifier, notifier, "notifier");
      return this;
    }

    /** Every time read goes through this clock; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = once(this.clock, clock, "clock");
      return this;
    }

    /** The time zone of calendar months and years for limits and stats; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = once(this.zone, zone, "zone");
      return this;
    }

    /** Generates referral codes; {@link CodeGenerator#secureRandom()} by default. */
    public Builder codeGenerator(CodeGenerator codeGenerator) {
      this.codeGenerator = once(this.codeGenerator, codeGenerator, "codeGenerator");
      return this;
    }

    /** Generates ids; {@link IdGenerator#random()} by default. */
    public Builder idGenerator(IdGenerator idGenerator) {
      this.idGenerator = once(this.idGenerator, idGenerator, "idGenerator");
      return this;
    }

    /** Limits and budgets; none by default. */
    public Builder limits(ReferralLimits limits) {
      this.limits = once(this.limits, limits, "limits");
      return this;
    }

    /** How long a lead may take to convert; {@link #DEFAULT_ATTRIBUTION_WINDOW} by default. */
    public Builder attributionWindow(Duration window) {
      requirePositive(window, "attributionWindow");
      this.attributionWindow = once(this.attributionWindow, window, "attributionWindow");
      return this;
    }

    /** How long after an order a refund revokes its rewards; {@link #DEFAULT_CLAWBACK_WINDOW}. */
    public Builder clawbackWindow(Duration window) {
      Objects.requireNonNull(window, "clawbackWindow");
      if (window.isNegative()) {
        throw new IllegalArgumentException("clawbackWindow must not be negative but was " + window);
      }
      this.clawbackWindow = once(this.clawbackWindow, window, "clawbackWindow");
      return this;
    }

    /** Tells whether a prospect is already a customer; nobody is, by default. */
    public Builder existingCustomerCheck(ExistingCustomerCheck check) {
      this.existingCustomerCheck = once(this.existingCustomerCheck, check, "existingCustomerCheck");
      return this;
    }

    /**
     * Turns emails into matching keys; {@link EmailAliasRules#defaults()} by default, so that
     * {@code jane.doe+x@googlemail.com} matches {@code janedoe@gmail.com}. {@link
     * EmailNormalizer#STANDARD} matches equal addresses only.
     */
    public Builder emailNormalizer(EmailNormalizer normalizer) {
      this.emailNormalizer = once(this.emailNormalizer, normalizer, "emailNormalizer");
      return this;
    }

    /** Delivery and retry settings; {@link DispatchSettings#ofDefaults()} by default. */
    public Builder dispatch(DispatchSettings settings) {
      this.dispatch = once(this.dispatch, settings, "dispatch");
      return this;
    }

    /** The source of backoff jitter; a thread-safe random by default. Seed it for tests. */
    public Builder random(RandomGenerator random) {
      this.random = once(this.random, random, "random");
      return this;
    }

    /** The minimum length of a {@linkplain #signalSalt signal salt}: {@value}. */
    public static final int MIN_SALT_LENGTH = 16;

    /**
     * The secret salt under which {@linkplain ReferralRequest#signals() signals} are hashed before
     * they are stored; at least {@value #MIN_SALT_LENGTH} characters. Keep it stable (a changed
     * salt no longer matches earlier signals) and out of the database. None by default: a referral
     * with signals then fails with {@link IllegalStateException}.
     */
    public Builder signalSalt(String salt) {
      Objects.requireNonNull(salt, "signalSalt");
      if (salt.length() < MIN_SALT_LENGTH) {
        throw new IllegalArgumentException(
            "signalSalt must have at least "
                + MIN_SALT_LENGTH
                + " characters but has "
                + salt.length());
      }
      if (this.signalSalt != null) {
        throw new IllegalStateException("signalSalt was already set"); // never show a secret
      }
      this.signalSalt = salt;
      return this;
    }

    /**
     * The fraud checks run on every referral the standard guards accept; {@link FraudChecks#none()}
     * by default. See {@link FraudChecks#defaults()}.
     */
    public Builder fraudChecks(FraudChecks checks) {
      this.fraudChecks = once(this.fraudChecks, checks, "fraudChecks");
      return this;
    }

    /**
     * The country calling code (1 to 3 digits, e.g. {@code "49"}) of phone numbers written in
     * national format with a leading 0, so that {@code 0171 1234567} matches {@code +49 171
     * 1234567}. None by default: such numbers match only numbers written the same way.
     */
    public Builder defaultCallingCode(String digits) {
      Objects.requireNonNull(digits, "defaultCallingCode");
      if (!digits.matches("[1-9][0-9]{0,2}")) {
        throw new IllegalArgumentException(
            "defaultCallingCode must be 1 to 3 digits not starting with 0 but was '"
                + digits
                + "'");
      }
      this.callingCode = once(this.callingCode, digits, "defaultCallingCode");
      return this;
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
    }

    /** The program. */
    public ReferralProgram build() {
      return new DefaultReferralProgram(
          new ProgramConfig(
              store,
              policy,
              offer,
              notifier,
              clock,
              zone == null ? DEFAULT_ZONE : zone,
              codeGenerator,
              idGenerator,
              limits,
              attributionWindow == null ? DEFAULT_ATTRIBUTION_WINDOW : attributionWindow,
              clawbackWindow == null ? DEFAULT_CLAWBACK_WINDOW : clawbackWindow,
              existingCustomerCheck,
              emailNormalizer,
              dispatch,
              random,
              signalSalt,
              fraudChecks,
              callingCode));
    }
  }
}
