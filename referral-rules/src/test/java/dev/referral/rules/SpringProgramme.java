package dev.referral.rules;

import static dev.referral.core.Incentive.commission;
import static dev.referral.core.Incentive.credit;
import static dev.referral.core.Incentive.giftCard;
import static dev.referral.core.Incentive.percentDiscount;
import static dev.referral.core.Incentive.points;
import static dev.referral.core.Incentive.thankYou;
import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.core.event.EventType.LEAD_MOVED;
import static dev.referral.core.event.EventType.LEAD_REFERRED;
import static dev.referral.core.event.EventType.REPEAT_PURCHASE;
import static dev.referral.rules.Rules.allOf;
import static dev.referral.rules.Rules.anyOf;
import static dev.referral.rules.Rules.event;
import static dev.referral.rules.Rules.lead;
import static dev.referral.rules.Rules.not;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.prospect;
import static dev.referral.rules.Rules.referrer;
import static dev.referral.rules.Rules.rule;

import dev.referral.core.Audience;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.event.EventType;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule set written twice: with the DSL, and as the rule file {@code
 * rules/spring-programme.json}.
 */
final class SpringProgramme {
  static final String FILE = "rules/spring-programme.json";

  private SpringProgramme() {}

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  static RuleSet dsl() {
    return RuleSet.builder("spring programme")
        .rule(
            rule("welcome gift")
                .on(LEAD_REFERRED)
                .when(prospect().isNewCustomer())
                .grantProspect(percentDiscount("10"))
                .expiringAfter(Duration.ofDays(30)))
        .rule(
            rule("third referral bonus")
                .priority(10)
                .on(LEAD_CONVERTED)
                .when(referrer().lifetimeConversions().isEqualTo(3))
                .grantReferrer(giftCard(eur("25"))))
        .rule(
            rule("partner commission")
                .on(LEAD_CONVERTED, REPEAT_PURCHASE)
                .when(
                    referrer()
                        .kind()
                        .isEqualTo(ReferrerKind.PARTNER)
                        .and(order().amount().isGreaterThan(eur("200"))))
                .grantReferrer(commission("10"))
                .heldFor(Duration.ofDays(30))
                .requiringApproval())
        .firstMatch(
            "order tiers",
            rule("gold tier")
                .on(LEAD_CONVERTED)
                .when(order().amount().isAtLeast(eur("500")))
                .grantReferrer(points(500)),
            rule("silver tier")
                .on(LEAD_CONVERTED)
                .when(order().amount().isBetween(eur("100"), eur("499.99")))
                .grantReferrer(points(100)))
        .rule(
            rule("weekend double")
                .on(LEAD_CONVERTED)
                .when(
                    allOf(
                        event().dayOfWeek().isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                        event()
                            .date()
                            .isBetween(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 31))))
                .grantReferrer(credit(eur("5"))))
        .rule(
            rule("book lovers")
                .on(LEAD_CONVERTED, REPEAT_PURCHASE)
                .when(
                    anyOf(
                        order().categories().contains("books"),
                        order().skus().containsAnyOf("KINDLE", "READER")))
                .grantProspect(Incentive.freeItem("BOOKMARK", 1)))
        .rule(
            rule("quick conversion thanks")
                .on(LEAD_CONVERTED)
                .when(
                    allOf(
                        lead().age().isAtMost(Duration.ofDays(7)),
                        not(referrer().status().isNotEqualTo(ReferrerStatus.ACTIVE)),
                        lead().source().isNotIn("spam")))
                .followUp(FollowUpKind.THANK_YOU, Audience.REFERRER, Duration.ofHours(1))
                .withData(Map.of("template", "quick"))
                .cancelLeadFollowUps(FollowUpKind.NURTURE_LEAD))
        .rule(
            rule("star referrer")
                .on(LEAD_CONVERTED)
                .when(
                    anyOf(
                        referrer().rewardsThisMonth().isAtLeast(5),
                        referrer().rewardedAmountThisYear().isGreaterThan(eur("1000"))))
                .grantReferrer(thankYou("You are a star!")))
        .rule(
            rule("first conversion")
                .on(LEAD_CONVERTED)
                .when(
                    allOf(
                        referrer().nthConversion().isEqualTo(1),
                        order().isFirstOrder(),
                        order().currency().isEqualTo("EUR")))
                .grantReferrer(new Incentive.Gift("two movie tickets", Optional.of(eur("20")))))
        .rule(
            rule("loyal referrer")
                .priority(-1)
                .on(REPEAT_PURCHASE, LEAD_CONVERTED)
                .when(
                    allOf(
                        event().type().isEqualTo(EventType.REPEAT_PURCHASE),
                        anyOf(
                            referrer().rewardsThisYear().isGreaterThan(2),
                            referrer().lifetimeRewards().isBetween(10, 20),
                            referrer().rewardedAmountThisMonth().isAtMost(eur("50")),
                            referrer().lifetimeRewardedAmount().isNotEqualTo(eur("0")))))
                .grantReferrer(points(10)))
        .rule(
            rule("campaign window")
                .on(LEAD_MOVED)
                .when(
                    allOf(
                        event().time().isLessThan(Instant.parse("2025-06-01T00:00:00Z")),
                        lead().status().isEqualTo(LeadStatus.QUALIFIED),
                        referrer().conversionsThisMonth().isLessThan(10),
                        referrer().conversionsThisYear().isAtLeast(0)))
                .followUp(FollowUpKind.PROGRESS_UPDATE, Audience.REFERRER, Duration.ZERO))
        .build();
  }

  static RuleSet json() {
    try (Reader reader =
        new InputStreamReader(
            Objects.requireNonNull(SpringProgramme.class.getResourceAsStream("/" + FILE), FILE),
            StandardCharsets.UTF_8)) {
      return RuleSetJson.read(FILE, reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text() {
    try (var in = SpringProgramme.class.getResourceAsStream("/" + FILE)) {
      return new String(Objects.requireNonNull(in, FILE).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
