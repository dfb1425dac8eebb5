package dev.referral.core.internal;

import dev.referral.core.Lead;
import dev.referral.core.Offer;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.spi.PeriodCounts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the policy sees of one event in a {@link Unit}: the event's referrer and lead, read through
 * the unit's cache before the policy runs, and the referrer's conversion counts and reward totals,
 * each read from the store on first use and at most once. The same as a {@link
 * PolicyContext.SnapshotContext} over the unit, in one object instead of a context and its
 * suppliers for every event. Not thread-safe, like the unit.
 */
final class EventContext implements PolicyContext {
  private static final PeriodCounts NO_CONVERSIONS = new PeriodCounts(0, 0, 0);

  private final Unit unit;
  private final Instant at;
  private final boolean asOfEvent;
  private final Optional<Referrer> referrer;
  private final Optional<Lead> lead;
  private @Nullable PeriodCounts conversions;
  private @Nullable ReferrerStats stats;

  /**
   * A context at {@code at}; with {@code asOfEvent}, the counts leave out conversions recorded
   * after {@code at} (deciding again on an old event).
   */
  EventContext(
      Unit unit, Instant at, boolean asOfEvent, Optional<Referrer> referrer, Optional<Lead> lead) {
    this.unit = unit;
    this.at = at;
    this.asOfEvent = asOfEvent;
    this.referrer = referrer;
    this.lead = lead;
  }

  @Override
  public Instant now() {
    return at;
  }

  @Override
  public ZoneId zone() {
    return unit.config.zone;
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
  public PeriodCounts conversions() {
    PeriodCounts c = conversions;
    if (c == null) {
      if (referrer.isEmpty()) {
        c = NO_CONVERSIONS;
      } else if (asOfEvent) {
        c = unit.conversionsAsOf(referrer.get().id(), at);
      } else {
        c = unit.conversions(referrer.get().id());
      }
      conversions = c;
    }
    return c;
  }

  @Override
  public ReferrerStats stats() {
    ReferrerStats s = stats;
    if (s == null) {
      s =
          referrer.isEmpty()
              ? ReferrerStats.ZERO
              : unit.stats(referrer.get().id(), at, conversions());
      stats = s;
    }
    return s;
  }

  @Override
  public Optional<Offer> offer() {
    return unit.config.offer;
  }

  @Override
  public String toString() {
    return "PolicyContext[now="
        + at
        + ", referrer="
        + referrer.map(r -> r.id().value()).orElse("-")
        + ", lead="
        + lead.map(l -> l.id().value()).orElse("-")
        + "]";
  }
}
