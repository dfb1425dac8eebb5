package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One referral source in a {@link SourceReport}: a referrer, or all referrers of one kind.
 *
 * @param rank 1 for the best source; ranked by conversions, then net revenue, then leads
 * @param label the referrer's name, or the kind's name
 * @param referrerId the referrer, for a referrer row
 * @param kind the referrer kind
 * @param leads referrals accepted in the period
 * @param rejections referrals rejected in the period
 * @param conversions of the leads referred in the period, how many have converted
 * @param conversionRate {@code conversions / leads}, 0 to 1, four decimals; 0 without leads
 * @param revenue orders of referred customers in the period, refunds in the period deducted
 * @param rewardCost the value of rewards granted in the period, less what was revoked or reduced
 * @param netRevenue {@code revenue - rewardCost}
 */
public record SourceRow(
    int rank,
    String label,
    Optional<ReferrerId> referrerId,
    ReferrerKind kind,
    long leads,
    long rejections,
    long conversions,
    BigDecimal conversionRate,
    Money revenue,
    Money rewardCost,
    Money netRevenue) {

  /** Validates the fields. */
  public SourceRow {
    Checks.positive(rank, "rank");
    label = Checks.notBlank(label, "label");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(kind, "kind");
    Checks.notNegative(leads, "leads");
    Checks.notNegative(rejections, "rejections");
    Checks.notNegative(conversions, "conversions");
    Objects.requireNonNull(conversionRate, "conversionRate");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(rewardCost, "rewardCost");
    Objects.requireNonNull(netRevenue, "netRevenue");
    revenue.requireSameCurrency(rewardCost);
    revenue.requireSameCurrency(netRevenue);
  }
}
