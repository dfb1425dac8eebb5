package dev.referral.examples.rules;

import static dev.referral.core.Incentive.commission;
import static dev.referral.core.Incentive.credit;
import static dev.referral.core.Incentive.giftCard;
import static dev.referral.core.Incentive.percentDiscount;
import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.LEAD_REFERRED;
import static dev.referral.core.event.EventType.REPEAT_PURCHASE;
import static dev.referral.rules.Rules.allOf;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.prospect;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;

import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.rules.RuleSet;
import dev.referral.rules.RuleSetJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The tea shop's reward terms, written twice: as the rule file {@value #RESOURCE} (what the shop
 * backend loads) and in the Java DSL. Both build the same {@link RuleSet}.
 *
 * <ul>
 *   <li>a referred friend who is new to the shop gets 10% off, valid for 60 days;
 *   <li>a customer gets a 10 EUR credit when a friend's first order is at least 30 EUR;
 *   <li>a customer's fifth converted friend also earns a 25 EUR gift card;
 *   <li>a partner business earns 10% commission on its leads' orders, held for a 14-day return
 *       window.
 * </ul>
 */
public final class RewardTerms {
  /** Where the rule file is on the class path. */
  public static final String RESOURCE = "/dev/referral/examples/rules/reward-terms.json";

  private RewardTerms() {}

  /** The terms as read from the rule file {@value #RESOURCE}. */
  public static RuleSet fromJson() {
    try (InputStream in = RewardTerms.class.getResourceAsStream(RESOURCE);
        Reader reader =
            new InputStreamReader(Objects.requireNonNull(in, RESOURCE), StandardCharsets.UTF_8)) {
      return RuleSetJson.read("reward-terms.json", reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same terms in the Java DSL. */
  public static RuleSet inJava() {
    Money eur30 = Money.of(30, "EUR");
    return RuleSet.builder("tea shop reward terms")
        .rule(
            rule("friend welcome discount")
                .on(LEAD_REFERRED)
                .when(prospect().isNewCustomer())
                .grantProspect(percentDiscount("10"))
                .expiringAfter(Duration.ofDays(60)))
        .rule(
            rule("customer credit")
                .on(LEAD_CONVERTED)
                .when(
                    allOf(
                        referrer().kind().isEqualTo(ReferrerKind.CUSTOMER),
                        order().amount().isAtLeast(eur30)))
                .grantReferrer(credit(Money.of(10, "EUR"))))
        .rule(
            rule("fifth referral gift card")
                .on(LEAD_CONVERTED)
                .when(
                    allOf(
                        referrer().kind().isEqualTo(ReferrerKind.CUSTOMER),
                        referrer().nthConversion().isEqualTo(5)))
                .grantReferrer(giftCard(Money.of(25, "EUR"))))
        .rule(
            rule("partner commission")
                .on(LEAD_CONVERTED, REPEAT_PURCHASE)
                .when(referrer().kind().isEqualTo(ReferrerKind.PARTNER))
                .grantReferrer(commission("10"))
                .heldFor(Duration.ofDays(14)))
        .build();
  }
}
