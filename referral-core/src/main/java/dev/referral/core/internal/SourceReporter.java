package dev.referral.core.internal;

import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.PartnerReciprocity;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.SourceReport;
import dev.referral.core.SourceRow;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.LeadRejected;
import dev.referral.core.event.OrderRefunded;
import dev.referral.core.event.PartnerReferralSent;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardRevoked;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link SourceReport} from the event log. */
final class SourceReporter {
  private final Unit u;
  private final Currency currency;
  private final Money zero;

  SourceReporter(Unit u, Currency currency) {
    this.u = u;
    this.currency = currency;
    this.zero = Money.zero(currency);
  }

  /** Activity of one source. */
  private final class Acc {
    long leads;
    long rejections;
    long conversions;
    long sentToPartner;
    Money revenue = zero;
    Money cost = zero;
    final List<LeadId> cohort = new ArrayList<>();

    void add(Acc other) {
      leads += other.leads;
      rejections += other.rejections;
      conversions += other.conversions;
      revenue = revenue.plus(other.revenue);
      cost = cost.plus(other.cost);
    }

    boolean isEmpty() {
      return leads == 0
          && rejections == 0
          && sentToPartner == 0
          && revenue.isZero()
          && cost.isZero();
    }
  }

  private Money checked(Money money) {
    zero.requireSameCurrency(money);
    return money;
  }

  SourceReport report(Instant from, Instant to) {
    Map<ReferrerId, Acc> accs = new LinkedHashMap<>();
    long unknown = 0;
    for (ReferralEvent e : u.tx.events().between(from, to)) {
      if (e instanceof LeadReferred r) {
        Acc acc = accs.computeIfAbsent(r.referrerId(), id -> new Acc());
        acc.leads++;
        acc.cohort.add(r.leadId());
      } else if (e instanceof LeadRejected r) {
        if (r.referrerId().isPresent()) {
          accs.computeIfAbsent(r.referrerId().get(), id -> new Acc()).rejections++;
        } else {
          unknown++;
        }
      } else if (e instanceof LeadConverted c) {
        Acc acc = accs.computeIfAbsent(c.referrerId(), id -> new Acc());
        acc.revenue = acc.revenue.plus(checked(c.purchase().amount()));
      } else if (e instanceof RepeatPurchase r) {
        Acc acc = accs.computeIfAbsent(r.referrerId(), id -> new Acc());
        acc.revenue = acc.revenue.plus(checked(r.purchase().amount()));
      } else if (e instanceof OrderRefunded r) {
        Acc acc = accs.computeIfAbsent(r.referrerId(), id -> new Acc());
        acc.revenue = acc.revenue.minus(checked(r.refund().amount()));
      } else if (e instanceof RewardGranted g && g.value().isPresent()) {
        Acc acc = accs.computeIfAbsent(g.referrerId(), id -> new Acc());
        acc.cost = acc.cost.plus(checked(g.value().get()));
      } else if (e instanceof RewardRevoked r && r.value().isPresent()) {
        Acc acc = accs.computeIfAbsent(r.referrerId(), id -> new Acc());
        acc.cost = acc.cost.minus(checked(r.value().get()));
      } else if (e instanceof RewardAdjusted a) {
        Acc acc = accs.computeIfAbsent(a.referrerId(), id -> new Acc());
        acc.cost = acc.cost.plus(checked(a.to())).minus(checked(a.from()));
      } else if (e instanceof PartnerReferralSent p) {
        accs.computeIfAbsent(p.referrerId(), id -> new Acc()).sentToPartner++;
      }
    }
    List<SourceRow> referrerRows = new ArrayList<>();
    Map<ReferrerKind, Acc> byKind = new EnumMap<>(ReferrerKind.class);
    List<PartnerReciprocity> partners = new ArrayList<>();
    for (Map.Entry<ReferrerId, Acc> entry : accs.entrySet()) {
      Acc acc = entry.getValue();
      for (LeadId id : acc.cohort) {
        if (u.findLead(id).map(Lead::status).orElse(null) == LeadStatus.CONVERTED) {
          acc.conversions++;
        }
      }
      Optional<Referrer> referrer = u.findReferrer(entry.getKey());
      String name = referrer.map(Referrer::name).orElse(entry.getKey().value());
      ReferrerKind kind = referrer.map(Referrer::kind).orElse(ReferrerKind.CONTACT);
      if (kind == ReferrerKind.PARTNER) {
        partners.add(new PartnerReciprocity(entry.getKey(), name, acc.leads, acc.sentToPartner));
      }
      if (acc.isEmpty()) {
        continue;
      }
      referrerRows.add(row(name, Optional.of(entry.getKey()), kind, acc));
      byKind.computeIfAbsent(kind, k -> new Acc()).add(acc);
    }
    List<SourceRow> kindRows = new ArrayList<>();
    byKind.forEach((kind, acc) -> kindRows.add(row(kind.name(), Optional.empty(), kind, acc)));
    partners.sort(
        Comparator.comparing(PartnerReciprocity::name).thenComparing(p -> p.partnerId().value()));
    return new SourceReport(
        from, to, currency, rank(referrerRows), rank(kindRows), partners, unknown);
  }

  private SourceRow row(String label, Optional<ReferrerId> id, ReferrerKind kind, Acc acc) {
    BigDecimal rate =
        acc.leads == 0
            ? BigDecimal.ZERO.setScale(4)
            : BigDecimal.valueOf(acc.conversions)
                .divide(BigDecimal.valueOf(acc.leads), 4, RoundingMode.HALF_EVEN);
    return new SourceRow(
        1,
        label,
        id,
        kind,
        acc.leads,
        acc.rejections,
        acc.conversions,
        rate,
        acc.revenue,
        acc.cost,
        acc.revenue.minus(acc.cost));
  }

  private static List<SourceRow> rank(List<SourceRow> rows) {
    List<SourceRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        Comparator.comparingLong(SourceRow::conversions)
            .reversed()
            .thenComparing(SourceRow::netRevenue, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(SourceRow::leads).reversed())
            .thenComparing(SourceRow::label)
            .thenComparing(r -> r.referrerId().map(ReferrerId::value).orElse("")));
    List<SourceRow> ranked = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      SourceRow r = sorted.get(i);
      ranked.add(
          new SourceRow(
              i + 1,
              r.label(),
              r.referrerId(),
              r.kind(),
              r.leads(),
              r.rejections(),
              r.conversions(),
              r.conversionRate(),
              r.revenue(),
              r.rewardCost(),
              r.netRevenue()));
    }
    return ranked;
  }
}
