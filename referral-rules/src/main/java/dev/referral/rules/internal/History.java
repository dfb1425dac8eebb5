package dev.referral.rules.internal;

import dev.referral.core.Beneficiary;
import dev.referral.core.Incentive;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerStats;
import dev.referral.core.RewardId;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardRevoked;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Referrer counts rebuilt from an event log, the way the program counts them: conversions by their
 * order time; rewards granted to referrers (thank-you notes excepted) by their grant time, less
 * revoked ones, with adjusted values. Feed events in log order with {@link #record}; {@link #stats}
 * then gives the counts as of the last event. Not thread-safe.
 */
public final class History {
  private record Granted(ReferrerId referrer, Instant at, Optional<Money> value) {}

  private final ZoneId zone;
  private final Map<ReferrerId, List<Instant>> conversions = new HashMap<>();
  private final Map<RewardId, Granted> rewards = new LinkedHashMap<>();

  /** An empty history whose months and years are counted in {@code zone}. */
  public History(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Takes {@code event} into account. */
  public void record(ReferralEvent event) {
    if (event instanceof LeadConverted c) {
      conversions.computeIfAbsent(c.referrerId(), k -> new ArrayList<>()).add(c.purchase().at());
    } else if (event instanceof RewardGranted g) {
      if (g.beneficiary() == Beneficiary.REFERRER
          && !(g.incentive() instanceof Incentive.ThankYouNote)) {
        rewards.put(g.rewardId(), new Granted(g.referrerId(), g.at(), g.value()));
      }
    } else if (event instanceof RewardRevoked r) {
      rewards.remove(r.rewardId());
    } else if (event instanceof RewardAdjusted a) {
      rewards.computeIfPresent(
          a.rewardId(), (id, g) -> new Granted(g.referrer(), g.at(), Optional.of(a.to())));
    }
  }

  /** The counts of {@code referrer} at {@code now}. */
  public ReferrerStats stats(ReferrerId referrer, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    Instant yearStart = today.withDayOfYear(1).atStartOfDay(zone).toInstant();
    long month = 0;
    long year = 0;
    List<Instant> converted = conversions.getOrDefault(referrer, List.of());
    for (Instant at : converted) {
      month += at.isBefore(monthStart) ? 0 : 1;
      year += at.isBefore(yearStart) ? 0 : 1;
    }
    Totals monthly = new Totals();
    Totals yearly = new Totals();
    Totals lifetime = new Totals();
    for (Granted g : rewards.values()) {
      if (!g.referrer().equals(referrer)) {
        continue;
      }
      lifetime.add(g.value());
      if (!g.at().isBefore(yearStart)) {
        yearly.add(g.value());
      }
      if (!g.at().isBefore(monthStart)) {
        monthly.add(g.value());
      }
    }
    return new ReferrerStats(
        month, year, converted.size(), monthly.totals(), yearly.totals(), lifetime.totals());
  }

  private static final class Totals {
    private long count;
    private final Map<Currency, Money> amounts = new HashMap<>();

    void add(Optional<Money> value) {
      count++;
      value.ifPresent(v -> amounts.merge(v.currency(), v, Money::plus));
    }

    LedgerTotals totals() {
      return new LedgerTotals(count, amounts);
    }
  }
}
