package dev.referral.core.policy;

import dev.referral.core.Lead;
import dev.referral.core.Offer;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.spi.PeriodCounts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A read-only, consistent snapshot a policy decides on: the referrer and lead of the event, as they
 * are after the event's change, and the referrer's track record. The program reads it inside the
 * event's transaction; tests build one with {@link #builder(Instant)}.
 */
public interface PolicyContext {

  /** The time of the decision, by the program's clock. */
  Instant now();

  /** The time zone in which months, years and days of the week are counted. */
  ZoneId zone();

  /** The event's referrer, if any. */
  Optional<Referrer> referrer();

  /** The event's lead, if any. */
  Optional<Lead> lead();

  /** The referrer's counts; {@link ReferrerStats#ZERO} without a referrer. Read on first use. */
  ReferrerStats stats();

  /** The program's offer, if it has one. */
  Optional<Offer> offer();

  /**
   * The referrer's conversion counts, the same as {@link #stats()}'s, without its reward totals:
   * rules that only count conversions read these, and the store need not add up the referrer's
   * rewards. Read on first use.
   */
  default PeriodCounts conversions() {
    ReferrerStats s = stats();
    return new PeriodCounts(
        s.conversionsThisMonth(), s.conversionsThisYear(), s.conversionsLifetime());
  }

  /** Starts a context for tests at {@code now}, in UTC, with nothing else known. */
  static Builder builder(Instant now) {
    return new Builder(now);
  }

  /** Builds a fixed {@link PolicyContext}, for tests of policies and rules. Not thread-safe. */
  final class Builder {
    private final Instant now;
    private ZoneId zone = ZoneId.of("UTC");
    private @Nullable Referrer referrer;
    private @Nullable Lead lead;
    private ReferrerStats stats = ReferrerStats.ZERO;
    private @Nullable Offer offer;

    private Builder(Instant now) {
      this.now = Objects.requireNonNull(now, "now");
    }

    /** The time zone; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The referrer. */
    public Builder referrer(Referrer referrer) {
      this.referrer = Objects.requireNonNull(referrer, "referrer");
      return this;
    }

    /** The lead. */
    public Builder lead(Lead lead) {
      this.lead = Objects.requireNonNull(lead, "lead");
      return this;
    }

    /** The referrer's counts. */
    public Builder stats(ReferrerStats stats) {
      this.stats = Objects.requireNonNull(stats, "stats");
      return this;
    }

    /** The program's offer. */
    public Builder offer(Offer offer) {
      this.offer = Objects.requireNonNull(offer, "offer");
      return this;
    }

    /** The context. */
    public PolicyContext build() {
      ReferrerStats fixed = stats;
      return new SnapshotContext(
          now,
          zone,
          Optional.ofNullable(referrer),
          Optional.ofNullable(lead),
          () -> fixed,
          Optional.ofNullable(offer));
    }
  }

  /**
   * A context whose stats are read lazily, once. Used by the program; public so that other modules'
   * internals can build one.
   */
  final class SnapshotContext implements PolicyContext {
    private final Instant now;
    private final ZoneId zone;
    private final Optional<Referrer> referrer;
    private final Optional<Lead> lead;
    private final Supplier<ReferrerStats> statsSource;
    private final Optional<Offer> offer;
    private @Nullable ReferrerStats stats;

    /** A context; {@code stats} is called at most once, on first use. */
    public SnapshotContext(
        Instant now,
        ZoneId zone,
        Optional<Referrer> referrer,
        Optional<Lead> lead,
        Supplier<ReferrerStats> stats,
        Optional<Offer> offer) {
      this.now = Objects.requireNonNull(now, "now");
      this.zone = Objects.requireNonNull(zone, "zone");
      this.referrer = Objects.requireNonNull(referrer, "referrer");
      this.lead = Objects.requireNonNull(lead, "lead");
      this.statsSource = Objects.requireNonNull(stats, "stats");
      this.offer = Objects.requireNonNull(offer, "offer");
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public ZoneId zone() {
      return zone;
    }

    @Override
    public Optional<Referrer> referrer() {
      return referrer;
    }

    @Override
    public Optional<Lead> lead() {
      return lead;
    }

    @Override
    public ReferrerStats stats() {
      ReferrerStats s = stats;
      if (s == null) {
        s = Objects.requireNonNull(statsSource.get(), "stats");
        stats = s;
      }
      return s;
    }

    @Override
    public Optional<Offer> offer() {
      return offer;
    }

    @Override
    public String toString() {
      return "PolicyContext[now="
          + now
          + ", referrer="
          + referrer.map(r -> r.id().value()).orElse("-")
          + ", lead="
          + lead.map(l -> l.id().value()).orElse("-")
          + "]";
    }
  }
}
