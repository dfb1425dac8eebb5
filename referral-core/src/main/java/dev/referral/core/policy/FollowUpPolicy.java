package dev.referral.core.policy;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Satisfaction;
import dev.referral.core.event.ConsentChanged;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.event.FollowUpSent;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.ReferrerEnrolled;
import dev.referral.core.event.ReferrerStatusChanged;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.SatisfactionRecorded;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The seeds' advice to keep in touch, as a policy: welcome new referrers, contact a new lead
 * promptly, nurture it while it is open, tell the referrer how their referral is doing, thank them
 * when they are rewarded, ask satisfied customers again for referrals (only once the right is
 * earned), keep in touch with every referral source every quarter, and remind prospects before
 * their offer expires. Times are counted from the event's time, so deciding again on an event
 * schedules the same follow-ups.
 *
 * <p>Build with {@link #builder()} or take {@link #ofDefaults()}. Immutable and thread-safe.
 */
public final class FollowUpPolicy implements ReferralPolicy {

  /** The reason recorded with the follow-ups it schedules. */
  public static final String NAME = "follow-up policy";

  /** Delay of the first contact with a new lead: none, it goes out on the next dispatch. */
  public static final Duration DEFAULT_CONTACT_LEAD_DELAY = Duration.ZERO;

  /** Time between nurture messages to an open lead: 7 days. */
  public static final Duration DEFAULT_NURTURE_INTERVAL = Duration.ofDays(7);

  /** Nurture messages to an open lead at most: 3. */
  public static final int DEFAULT_NURTURE_COUNT = 3;

  /** Lead steps the referrer hears about: every one. */
  public static final Set<LeadStatus> DEFAULT_PROGRESS_STEPS =
      Set.copyOf(
          EnumSet.of(
              LeadStatus.REFERRED,
              LeadStatus.CONTACTED,
              LeadStatus.QUALIFIED,
              LeadStatus.CONVERTED,
              LeadStatus.LOST,
              LeadStatus.EXPIRED));

  /** Ask a rewarded customer for more referrals this long after the reward: 30 days. */
  public static final Duration DEFAULT_ASK_AGAIN_AFTER = Duration.ofDays(30);

  /** Ask a customer who reports this satisfaction this long after: 1 day. */
  public static final Duration DEFAULT_ASK_AFTER_SATISFACTION = Duration.ofDays(1);

  /** The lowest satisfaction score (0-10) that earns the right to ask: 8. */
  public static final int DEFAULT_SATISFACTION_THRESHOLD = 8;

  /** Never ask one customer more often than this: 30 days. */
  public static final Duration DEFAULT_MIN_ASK_INTERVAL = Duration.ofDays(30);

  /** Stop asking after this many asks without a referral: 3. */
  public static final int DEFAULT_MAX_ASKS_WITHOUT_REFERRAL = 3;

  /** Keep in touch with every active, consenting referrer this often: every 3 months. */
  public static final Period DEFAULT_KEEP_IN_TOUCH_EVERY = Period.ofMonths(3);

  /** Remind a prospect this long before their offer (the attribution window) ends: 7 days. */
  public static final Duration DEFAULT_REMIND_BEFORE_EXPIRY = Duration.ofDays(7);

  private static final FollowUpPolicy DEFAULTS = builder().build();

  private final Duration contactLeadDelay;
  private final Duration nurtureInterval;
  private final int nurtureCount;
  private final Set<LeadStatus> progressSteps;
  private final Duration askAgainAfter;
  private final Duration askAfterSatisfaction;
  private final int satisfactionThreshold;
  private final Duration minAskInterval;
  private final int maxAsksWithoutReferral;
  private final Period keepInTouchEvery;
  private final Duration remindBeforeExpiry;
  private final Set<FollowUpKind> disabled;
  private final Map<FollowUpKind, Channel> channels;

  private FollowUpPolicy(Builder b) {
    this.contactLeadDelay = b.contactLeadDelay;
    this.nurtureInterval = b.nurtureInterval;
    this.nurtureCount = b.nurtureCount;
    this.progressSteps = Set.copyOf(b.progressSteps);
    this.askAgainAfter = b.askAgainAfter;
    this.askAfterSatisfaction = b.askAfterSatisfaction;
    this.satisfactionThreshold = b.satisfactionThreshold;
    this.minAskInterval = b.minAskInterval;
    this.maxAsksWithoutReferral = b.maxAsksWithoutReferral;
    this.keepInTouchEvery = b.keepInTouchEvery;
    this.remindBeforeExpiry = b.remindBeforeExpiry;
    this.disabled = Set.copyOf(b.disabled);
    this.channels = Map.copyOf(b.channels);
  }

  /** The policy with every default. */
  public static FollowUpPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lowest satisfaction score that earns the right to ask for referrals. */
  public int satisfactionThreshold() {
    return satisfactionThreshold;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Decision> decide(ReferralEvent event, PolicyContext context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    List<Decision> out = new ArrayList<>(4);
    Instant at = event.at();
    if (event instanceof ReferrerEnrolled) {
      schedule(out, FollowUpKind.ONBOARDING, Audience.REFERRER, at, Map.of());
      keepInTouch(out, context, at, false);
    } else if (event instanceof LeadReferred) {
      // Nothing to a prospect once their attribution window (the offer) has ended.
      Instant expiresAt = context.lead().map(Lead::expiresAt).orElse(Instant.MAX);
      Instant contactAt = at.plus(contactLeadDelay);
      if (contactAt.isBefore(expiresAt)) {
        schedule(out, FollowUpKind.CONTACT_LEAD, Audience.PROSPECT, contactAt, Map.of());
      }
      for (int i = 1; i <= nurtureCount; i++) {
        Instant nurtureAt = at.plus(nurtureInterval.multipliedBy(i));
        if (nurtureAt.isBefore(expiresAt)) {
          schedule(
              out,
              FollowUpKind.NURTURE_LEAD,
              Audience.PROSPECT,
              nurtureAt,
              Map.of("nurture", Integer.toString(i)));
        }
      }
      if (context.lead().isPresent()) {
        Instant remindAt = expiresAt.minus(remindBeforeExpiry);
        if (remindAt.isAfter(contactAt)) {
          schedule(
              out,
              FollowUpKind.REMINDER,
              Audience.PROSPECT,
              remindAt,
              Map.of("offerExpiresAt", expiresAt.toString()));
        }
      }
      progress(out, LeadStatus.REFERRED, at);
    } else if (event instanceof LeadMoved moved) {
      progress(out, moved.to(), at);
    } else if (event instanceof LeadConverted) {
      progress(out, LeadStatus.CONVERTED, at);
    } else if (event instanceof RewardGranted granted
        && granted.beneficiary() == Beneficiary.REFERRER) {
      schedule(
          out,
          FollowUpKind.THANK_YOU,
          Audience.REFERRER,
          at,
          Map.of(
              "rewardId", granted.rewardId().value(),
              "reward", granted.incentive().describe(),
              "rewardStatus", granted.status().name()));
      ask(out, context, at.plus(askAgainAfter));
    } else if (event instanceof RewardIssued issued
        && issued.beneficiary() == Beneficiary.PROSPECT) {
      schedule(
          out,
          FollowUpKind.REWARD_NOTICE,
          Audience.PROSPECT,
          at,
          Map.of("rewardId", issued.rewardId().value(), "reward", issued.incentive().describe()));
    } else if (event instanceof SatisfactionRecorded recorded) {
      if (recorded.score() >= satisfactionThreshold) {
        ask(out, context, at.plus(askAfterSatisfaction));
      } else {
        out.add(CancelFollowUps.forReferrer(NAME, FollowUpKind.ASK_FOR_REFERRALS));
      }
    } else if (event instanceof FollowUpSent sent
        && sent.kind().equals(FollowUpKind.KEEP_IN_TOUCH)) {
      keepInTouch(out, context, at, false);
    } else if (event instanceof FollowUpFailed failed
        && failed.kind().equals(FollowUpKind.KEEP_IN_TOUCH)) {
      keepInTouch(out, context, at, false);
    } else if (event instanceof ConsentChanged changed && changed.consentToContact()) {
      keepInTouch(out, context, at, true);
    } else if (event instanceof ReferrerStatusChanged changed
        && changed.to() == ReferrerStatus.ACTIVE) {
      keepInTouch(out, context, at, true);
    }
    return out.isEmpty() ? List.of() : List.copyOf(out);
  }

  private void schedule(
      List<Decision> out,
      FollowUpKind kind,
      Audience audience,
      Instant dueAt,
      Map<String, String> data) {
    if (disabled.contains(kind)) {
      return;
    }
    out.add(
        new ScheduleFollowUp(
            kind, audience, dueAt, channels.getOrDefault(kind, Channel.EMAIL), NAME, data));
  }

  private void progress(List<Decision> out, LeadStatus step, Instant at) {
    if (progressSteps.contains(step)) {
      schedule(
          out, FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, at, Map.of("step", step.name()));
    }
  }

  private void keepInTouch(List<Decision> out, PolicyContext context, Instant at, boolean restart) {
    if (disabled.contains(FollowUpKind.KEEP_IN_TOUCH)) {
      return;
    }
    if (restart) {
      out.add(CancelFollowUps.forReferrer(NAME, FollowUpKind.KEEP_IN_TOUCH));
    }
    Instant next = ZonedDateTime.ofInstant(at, context.zone()).plus(keepInTouchEvery).toInstant();
    schedule(out, FollowUpKind.KEEP_IN_TOUCH, Audience.REFERRER, next, Map.of());
  }

  /**
   * Asks a customer for referrals at {@code at} if the right is earned: their latest satisfaction
   * meets the threshold, they were not asked too often without referring, and not too recently.
   * Keeps one pending ask per customer.
   */
  private void ask(List<Decision> out, PolicyContext context, Instant at) {
    if (disabled.contains(FollowUpKind.ASK_FOR_REFERRALS)) {
      return;
    }
    Optional<Referrer> found = context.referrer();
    if (found.isEmpty() || found.get().kind() != ReferrerKind.CUSTOMER) {
      return;
    }
    Referrer referrer = found.get();
    int score = referrer.satisfaction().map(Satisfaction::score).orElse(-1);
    if (score < satisfactionThreshold
        || referrer.engagement().asksWithoutReferral() >= maxAsksWithoutReferral) {
      return;
    }
    Instant due = at;
    Optional<Instant> last = referrer.engagement().lastAskedAt();
    if (last.isPresent() && last.get().plus(minAskInterval).isAfter(due)) {
      due = last.get().plus(minAskInterval);
    }
    out.add(CancelFollowUps.forReferrer(NAME, FollowUpKind.ASK_FOR_REFERRALS));
    schedule(out, FollowUpKind.ASK_FOR_REFERRALS, Audience.REFERRER, due, Map.of());
  }

  @Override
  public String toString() {
    return "FollowUpPolicy[contactLeadAfter="
        + contactLeadDelay
        + ", nurture="
        + nurtureCount
        + "x"
        + nurtureInterval
        + ", progressSteps="
        + progressSteps.size()
        + ", askAgainAfter="
        + askAgainAfter
        + ", satisfactionThreshold="
        + satisfactionThreshold
        + ", minAskInterval="
        + minAskInterval
        + ", maxAsksWithoutReferral="
        + maxAsksWithoutReferral
        + ", keepInTouchEvery="
        + keepInTouchEvery
        + ", remindBeforeExpiry="
        + remindBeforeExpiry
        + ", disabled="
        + disabled
        + "]";
  }

  /** Builds a {@link FollowUpPolicy}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Duration contactLeadDelay = DEFAULT_CONTACT_LEAD_DELAY;
    private Duration nurtureInterval = DEFAULT_NURTURE_INTERVAL;
    private int nurtureCount = DEFAULT_NURTURE_COUNT;
    private Set<LeadStatus> progressSteps = DEFAULT_PROGRESS_STEPS;
    private Duration askAgainAfter = DEFAULT_ASK_AGAIN_AFTER;
    private Duration askAfterSatisfaction = DEFAULT_ASK_AFTER_SATISFACTION;
    private int satisfactionThreshold = DEFAULT_SATISFACTION_THRESHOLD;
    private Duration minAskInterval = DEFAULT_MIN_ASK_INTERVAL;
    private int maxAsksWithoutReferral = DEFAULT_MAX_ASKS_WITHOUT_REFERRAL;
    private Period keepInTouchEvery = DEFAULT_KEEP_IN_TOUCH_EVERY;
    private Duration remindBeforeExpiry = DEFAULT_REMIND_BEFORE_EXPIRY;
    private final Set<FollowUpKind> disabled = new HashSet<>();
    private final Map<FollowUpKind, Channel> channels = new HashMap<>();

    private Builder() {
      channels.put(FollowUpKind.KEEP_IN_TOUCH, Channel.LETTER);
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      notNegative(d, name);
      if (d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    /**
     * How long after a referral the lead is first contacted; {@link #DEFAULT_CONTACT_LEAD_DELAY}.
     */
    public Builder contactLeadAfter(Duration delay) {
      this.contactLeadDelay = notNegative(delay, "delay");
      return this;
    }

    /**
     * Nurture an open lead every {@code interval}, at most {@code count} times (0 for never), while
     * its attribution window lasts; {@link #DEFAULT_NURTURE_INTERVAL}, {@link
     * #DEFAULT_NURTURE_COUNT}.
     */
    public Builder nurture(Duration interval, int count) {
      positive(interval, "interval");
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative but was " + count);
      }
      this.nurtureInterval = interval;
      this.nurtureCount = count;
      return this;
    }

    /** The lead steps the referrer hears about, empty for none; {@link #DEFAULT_PROGRESS_STEPS}. */
    public Builder progressUpdatesOn(Set<LeadStatus> steps) {
      Objects.requireNonNull(steps, "steps");
      if (steps.contains(LeadStatus.REJECTED)) {
        throw new IllegalArgumentException(
            "steps must not contain REJECTED: a rejected lead has no referrer to tell");
      }
      this.progressSteps = Set.copyOf(steps);
      return this;
    }

    /**
     * Ask a rewarded customer again this long after the reward; {@link #DEFAULT_ASK_AGAIN_AFTER}.
     */
    public Builder askAgainAfter(Duration delay) {
      this.askAgainAfter = notNegative(delay, "delay");
      return this;
    }

    /**
     * Ask a satisfied customer this long after their score is recorded; {@link
     * #DEFAULT_ASK_AFTER_SATISFACTION}.
     */
    public Builder askAfterSatisfaction(Duration delay) {
      this.askAfterSatisfaction = notNegative(delay, "delay");
      return this;
    }

    /**
     * The lowest satisfaction score, 0 to 10, that earns the right to ask; {@link
     * #DEFAULT_SATISFACTION_THRESHOLD}.
     */
    public Builder satisfactionThreshold(int threshold) {
      if (threshold < Satisfaction.MIN_SCORE || threshold > Satisfaction.MAX_SCORE) {
        throw new IllegalArgumentException(
            "threshold must be between 0 and 10 but was " + threshold);
      }
      this.satisfactionThreshold = threshold;
      return this;
    }

    /**
     * Never ask one customer more often than {@code interval}; {@link #DEFAULT_MIN_ASK_INTERVAL}.
     */
    public Builder minAskInterval(Duration interval) {
      this.minAskInterval = notNegative(interval, "interval");
      return this;
    }

    /**
     * Stop asking after {@code max} asks without a referral (0 for never ask); {@link
     * #DEFAULT_MAX_ASKS_WITHOUT_REFERRAL}.
     */
    public Builder maxAsksWithoutReferral(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("max must not be negative but was " + max);
      }
      this.maxAsksWithoutReferral = max;
      return this;
    }

    /**
     * Keep in touch with every active, consenting referrer every {@code period}; {@link
     * #DEFAULT_KEEP_IN_TOUCH_EVERY}.
     */
    public Builder keepInTouchEvery(Period period) {
      Objects.requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be positive but was " + period);
      }
      this.keepInTouchEvery = period;
      return this;
    }

    /**
     * Remind a prospect this long before their offer ends; {@link #DEFAULT_REMIND_BEFORE_EXPIRY}.
     */
    public Builder remindBeforeExpiry(Duration before) {
      this.remindBeforeExpiry = positive(before, "before");
      return this;
    }

    /**
     * Sends follow-ups of {@code kind} through {@code channel} (email by default, letters for
     * keep-in-touch).
     */
    public Builder channel(FollowUpKind kind, Channel channel) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(channel, "channel");
      channels.put(kind, channel);
      return this;
    }

    /** Never schedules follow-ups of {@code kinds}. */
    public Builder disable(FollowUpKind... kinds) {
      Objects.requireNonNull(kinds, "kinds");
      for (FollowUpKind kind : kinds) {
        disabled.add(Objects.requireNonNull(kind, "kinds contains null"));
      }
      return this;
    }

    /** The policy. */
    public FollowUpPolicy build() {
      return new FollowUpPolicy(this);
    }
  }
}
