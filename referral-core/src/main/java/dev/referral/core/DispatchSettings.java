package dev.referral.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How follow-ups are delivered and retried: exponential backoff with jitter up to a maximum number
 * of attempts. Immutable and thread-safe; build with {@link #builder()} or take {@link
 * #ofDefaults()}.
 *
 * @param maxAttempts attempts before a follow-up is marked FAILED; default {@value
 *     #DEFAULT_MAX_ATTEMPTS}
 * @param initialBackoff wait after the first failure; default 1 minute
 * @param backoffMultiplier each further wait is this many times the previous; default {@value
 *     #DEFAULT_BACKOFF_MULTIPLIER}
 * @param maxBackoff no wait is longer, before jitter; default 1 hour
 * @param jitter each wait varies randomly by up to this fraction either way (so that failed
 *     follow-ups do not all come back at once); default {@value #DEFAULT_JITTER}
 * @param lease how long a dispatcher's claim lasts before another may take the follow-up over;
 *     default 5 minutes
 * @param batchSize follow-ups claimed at a time; default {@value #DEFAULT_BATCH_SIZE}
 * @param maxPerRun follow-ups handled by one call at most; default {@value #DEFAULT_MAX_PER_RUN}
 */
public record DispatchSettings(
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier,
    Duration maxBackoff,
    double jitter,
    Duration lease,
    int batchSize,
    int maxPerRun) {

  /** Default attempts. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default first wait: 1 minute. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMinutes(1);

  /** Default multiplier. */
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

  /** Default longest wait: 1 hour. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);

  /** Default jitter: 20% either way. */
  public static final double DEFAULT_JITTER = 0.2;

  /** Default lease: 5 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /** Default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  /** Default cap per call. */
  public static final int DEFAULT_MAX_PER_RUN = 50_000;

  private static final DispatchSettings DEFAULTS = builder().build();

  /** Validates the settings. */
  public DispatchSettings {
    // Nulls first, so that a null is reported as such whatever else is wrong.
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(lease, "lease");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
    }
    requirePositive(initialBackoff, "initialBackoff");
    if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
      throw new IllegalArgumentException(
          "backoffMultiplier must be at least 1 but was " + backoffMultiplier);
    }
    requirePositive(maxBackoff, "maxBackoff");
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1) but was " + jitter);
    }
    requirePositive(lease, "lease");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
    }
    if (maxPerRun < 1) {
      throw new IllegalArgumentException("maxPerRun must be at least 1 but was " + maxPerRun);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff ("
              + maxBackoff
              + ") must not be shorter than initialBackoff ("
              + initialBackoff
              + ")");
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + d);
    }
  }

  /** The default settings. */
  public static DispatchSettings ofDefaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The wait before attempt {@code attempt + 1} after attempt {@code attempt} failed, before
   * jitter: {@code initialBackoff * backoffMultiplier^(attempt - 1)}, at most {@code maxBackoff}.
   */
  public Duration backoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
    }
    double seconds = seconds(initialBackoff) * Math.pow(backoffMultiplier, attempt - 1);
    if (seconds >= seconds(maxBackoff)) {
      return maxBackoff;
    }
    // At least the initial wait: rounding must never turn a positive wait into none.
    Duration wait = Duration.ofNanos(Math.round(seconds * 1e9));
    return wait.compareTo(initialBackoff) < 0 ? initialBackoff : wait;
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  /** Builds {@link DispatchSettings}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private Duration lease = DEFAULT_LEASE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxPerRun = DEFAULT_MAX_PER_RUN;

    private Builder() {}

    /** Attempts before FAILED, at least 1. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Exponential backoff: the first wait, the multiplier and the longest wait. */
    public Builder backoff(Duration initial, double multiplier, Duration max) {
      requirePositive(initial, "initial");
      requirePositive(max, "max");
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
      }
      this.initialBackoff = initial;
      this.backoffMultiplier = multiplier;
      this.maxBackoff = max;
      return this;
    }

    /** The random variation of waits, a fraction in [0, 1); 0 for exact waits. */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter < 1.0)) {
        throw new IllegalArgumentException("jitter must be in [0, 1) but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** How long a claim lasts. */
    public Builder lease(Duration lease) {
      requirePositive(lease, "lease");
      this.lease = lease;
      return this;
    }

    /** Follow-ups claimed at a time. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Follow-ups handled by one call at most. */
    public Builder maxPerRun(int maxPerRun) {
      if (maxPerRun < 1) {
        throw new IllegalArgumentException("maxPerRun must be at least 1 but was " + maxPerRun);
      }
      this.maxPerRun = maxPerRun;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException if the longest wait is shorter than the first
     */
    public DispatchSettings build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalStateException(
            "maxBackoff ("
                + maxBackoff
                + ") must not be shorter than initialBackoff ("
                + initialBackoff
                + ")");
      }
      return new DispatchSettings(
          maxAttempts,
          initialBackoff,
          backoffMultiplier,
          maxBackoff,
          jitter,
          lease,
          batchSize,
          maxPerRun);
    }
  }
}
