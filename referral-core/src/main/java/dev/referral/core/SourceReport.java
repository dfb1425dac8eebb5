package dev.referral.core;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which referral sources work best in a period: per referrer and per referrer kind, ranked, plus
 * the reciprocity with each partner. Money is reported in one currency.
 *
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive
 * @param currency the currency of every amount
 * @param referrers one row per referrer with activity in the period, best first
 * @param kinds one row per referrer kind with activity, best first
 * @param partners the reciprocity with every partner with activity, by name
 * @param unknownCodeRejections referrals rejected because their code was unknown
 */
public record SourceReport(
    Instant from,
    Instant to,
    Currency currency,
    List<SourceRow> referrers,
    List<SourceRow> kinds,
    List<PartnerReciprocity> partners,
    long unknownCodeRejections) {

  /** Validates the fields and copies the lists. */
  public SourceReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(currency, "currency");
    referrers = List.copyOf(Objects.requireNonNull(referrers, "referrers"));
    kinds = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
    partners = List.copyOf(Objects.requireNonNull(partners, "partners"));
    if (unknownCodeRejections < 0) {
      throw new IllegalArgumentException("unknownCodeRejections must not be negative");
    }
  }

  /** The report as a fixed-width text table, for logs and consoles. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-4s %-24s %-8s %6s %6s %6s %7s %12s %12s %12s%n",
            "rank",
            "source",
            "kind",
            "leads",
            "rej",
            "conv",
            "rate",
            "revenue",
            "reward cost",
            "net"));
    for (SourceRow row : referrers) {
      appendRow(out, row);
    }
    out.append(String.format(Locale.ROOT, "%nby kind%n"));
    for (SourceRow row : kinds) {
      appendRow(out, row);
    }
    if (!partners.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%n%-24s %9s %9s%n", "partner", "received", "sent"));
      for (PartnerReciprocity p : partners) {
        out.append(
            String.format(
                Locale.ROOT, "%-24s %9d %9d%n", truncate(p.name()), p.received(), p.sent()));
      }
    }
    if (unknownCodeRejections > 0) {
      out.append(
          String.format(
              Locale.ROOT, "%nrejected with an unknown code: %d%n", unknownCodeRejections));
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, SourceRow row) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-4d %-24s %-8s %6d %6d %6d %6.1f%% %12s %12s %12s%n",
            row.rank(),
            truncate(row.label()),
            row.kind(),
            row.leads(),
            row.rejections(),
            row.conversions(),
            row.conversionRate().doubleValue() * 100,
            row.revenue().amount().toPlainString(),
            row.rewardCost().amount().toPlainString(),
            row.netRevenue().amount().toPlainString()));
  }

  private static String truncate(String s) {
    return s.length() <= 24 ? s : s.substring(0, 23) + "…";
  }
}
