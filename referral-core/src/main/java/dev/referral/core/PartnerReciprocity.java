package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * The two-way traffic with one partner business in a period.
 *
 * @param partnerId the partner
 * @param name the partner's name
 * @param received referrals the partner sent to the shop
 * @param sent referrals the shop sent to the partner (recorded by the host)
 */
public record PartnerReciprocity(ReferrerId partnerId, String name, long received, long sent) {

  /** Validates the fields. */
  public PartnerReciprocity {
    Objects.requireNonNull(partnerId, "partnerId");
    name = Checks.notBlank(name, "name");
    Checks.notNegative(received, "received");
    Checks.notNegative(sent, "sent");
  }
}
