package dev.referral.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.LimitKind;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardStatus;
import dev.referral.core.SourceRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the example shop backend and checks what it did, not only that it ran. */
class ShopBackendTest {
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
  private static ShopRun run;

  @BeforeAll
  static void runTheDefaultStory() {
    run = ShopBackend.run(ShopBackend.DEFAULT_SEED, NOWHERE);
  }

  private static YearMonth month(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC));
  }

  /** The rewards for {@code referrer} themselves, not for their friends. */
  private static List<Reward> rewardsOf(Referrer referrer) {
    return run.rewards().stream()
        .filter(r -> r.referrerId().equals(referrer.id()))
        .filter(r -> r.beneficiary() == Beneficiary.REFERRER)
        .toList();
  }

  @Nested
  @DisplayName("rewards")
  class Rewards {
    @Test
    void givenJanesFourFriendsBuyInFebruary_whenTheFourthBuys_thenTheMonthlyCapDeniesHerCredit() {
      Referrer jane = run.referrer("Jane Porter");
      List<Reward> denied = run.rewards(RewardStatus.DENIED);

      assertEquals(1, denied.size(), "denied rewards: " + denied);
      Reward credit = denied.get(0);
      assertEquals(jane.id(), credit.referrerId());
      assertEquals(LimitKind.REFERRER_MONTHLY_COUNT, credit.deniedBy().orElseThrow());
      assertEquals(Incentive.credit(Money.of(10, "EUR")), credit.incentive());
      assertEquals(YearMonth.of(2026, 2), month(credit.grantedAt()));
      long grantedInFebruary =
          rewardsOf(jane).stream()
              .filter(r -> r.status() != RewardStatus.DENIED)
              .filter(r -> month(r.grantedAt()).equals(YearMonth.of(2026, 2)))
              .count();
      assertEquals(ShopBackend.MONTHLY_REWARD_CAP, grantedInFebruary);
    }

    @Test
    void givenJanesFifthFriendBuysInMarch_thenSheGetsTheGiftCardOnTopOfTheCredit() {
      List<Incentive> march =
          rewardsOf(run.referrer("Jane Porter")).stream()
              .filter(r -> month(r.grantedAt()).equals(YearMonth.of(2026, 3)))
              .map(Reward::incentive)
              .toList();

      assertEquals(
          List.of(Incentive.credit(Money.of(10, "EUR")), Incentive.giftCard(Money.of(25, "EUR"))),
          march);
    }

    @Test
    void givenMaxReturnsHisOrder_whenRefunded_thenOmarsCreditForItIsRevoked() {
      List<Reward> revoked = run.rewards(RewardStatus.REVOKED);
      Lead max =
          run.leads().stream()
              .filter(l -> l.prospect().name().equals("Max Vogel"))
              .findFirst()
              .orElseThrow();

      assertEquals(1, revoked.size(), "revoked rewards: " + revoked);
      Reward credit = revoked.get(0);
      assertEquals(run.referrer("Omar Haddad").id(), credit.referrerId());
      assertEquals(max.conversion().orElseThrow().orderId(), credit.orderId().get());
      assertTrue(credit.note().orElseThrow().contains("returned unopened"), credit.toString());
    }

    @Test
    void givenThePartnersLeadsBuy_thenEveryOrderEarnsTenPercentIssuedOnceTheHoldEnds() {
      Referrer partner = run.referrer("Green Leaf Yoga");
      List<Reward> commissions = rewardsOf(partner);
      SourceRow row = rowOf(partner);

      assertTrue(commissions.size() > row.conversions(), "repeat purchases earn commission too");
      for (Reward r : commissions) {
        assertEquals(Incentive.commission("10"), r.incentive());
        assertEquals(RewardStatus.ISSUED, r.status(), r.toString());
        assertTrue(r.holdUntil().isPresent(), "held for the return window: " + r);
      }
      assertEquals(row.revenue().percent(BigDecimal.TEN), row.rewardCost());
    }

    @Test
    void givenFriendsWhoBuy_thenTheirWelcomeDiscountIsRedeemedOnTheOrder() {
      for (Lead lead : run.leads(LeadStatus.CONVERTED)) {
        List<Reward> friendRewards =
            run.rewards().stream()
                .filter(r -> r.leadId().equals(Optional.of(lead.id())))
                .filter(r -> r.beneficiary() == Beneficiary.PROSPECT)
                .toList();
        assertEquals(1, friendRewards.size(), lead.toString());
        assertEquals(RewardStatus.REDEEMED, friendRewards.get(0).status());
      }
    }
  }

  @Nested
  @DisplayName("intake")
  class Intake {
    @Test
    void givenTheScriptedMistakes_thenEachIsRejectedWithItsReasonAndNothingElseIs() {
      assertEquals(
          Map.of(
              RejectionReason.SELF_REFERRAL, 1,
              RejectionReason.ALREADY_CUSTOMER, 1,
              RejectionReason.ALREADY_REFERRED, 1,
              RejectionReason.UNKNOWN_CODE, 1),
          run.rejections());
    }

    @Test
    void givenMiaRefersLenaAfterJane_thenJaneKeepsTheLead() {
      List<Lead> lena =
          run.leads().stream().filter(l -> l.prospect().name().equals("Lena Fischer")).toList();

      assertEquals(2, lena.size());
      assertEquals(run.referrer("Jane Porter").id(), lena.get(0).referrerId().orElseThrow());
      assertEquals(LeadStatus.CONVERTED, lena.get(0).status());
      assertEquals(
          RejectionReason.ALREADY_REFERRED, lena.get(1).rejection().orElseThrow().reason());
      assertEquals(run.referrer("Mia Chen").id(), lena.get(1).referrerId().orElseThrow());
    }
  }

  @Nested
  @DisplayName("follow-ups")
  class FollowUps {
    @Test
    void givenEveryAcceptedLead_thenSalesWasAskedToContactItAndTheFriendToldOfTheDiscount() {
      long accepted = run.leads().stream().filter(l -> l.rejection().isEmpty()).count();

      assertEquals(accepted, run.notifications(FollowUpKind.CONTACT_LEAD).size());
      assertEquals(accepted, run.notifications(FollowUpKind.REWARD_NOTICE).size());
      assertFalse(run.notifications(FollowUpKind.NURTURE_LEAD).isEmpty());
    }

    @Test
    void givenGrantedRewards_thenEachReferrerRewardWasFollowedByAThankYou() {
      long granted =
          run.rewards().stream()
              .filter(r -> r.beneficiary() == Beneficiary.REFERRER)
              .filter(r -> r.status() != RewardStatus.DENIED)
              .count();

      assertEquals(granted, run.notifications(FollowUpKind.THANK_YOU).size());
    }

    @Test
    void givenTheSurvey_thenOnlySatisfiedCustomersWereAskedForReferrals() {
      List<Notification> asks = run.notifications(FollowUpKind.ASK_FOR_REFERRALS);

      assertFalse(asks.isEmpty());
      for (Notification ask : asks) {
        Referrer asked =
            run.referrers().stream()
                .filter(r -> r.id().equals(ask.recipient().referrerId()))
                .findFirst()
                .orElseThrow();
        assertEquals(ReferrerKind.CUSTOMER, asked.kind());
        assertTrue(asked.satisfaction().orElseThrow().score() >= 8, asked.toString());
      }
      assertTrue(
          asks.stream().noneMatch(n -> n.recipient().name().equals("Emma Dubois")),
          "Emma answered 4/10");
    }

    @Test
    void givenReferrersEnrolledThreeMonthsAgo_thenEachGotOneQuarterlyLetter() {
      Instant end = ShopSimulation.END;
      List<String> due =
          run.referrers().stream()
              .filter(Referrer::consentToContact)
              .filter(
                  r ->
                      r.enrolledAt()
                          .atZone(ZoneOffset.UTC)
                          .plus(Period.ofMonths(3))
                          .toInstant()
                          .isBefore(end))
              .map(Referrer::name)
              .sorted()
              .toList();
      List<Notification> letters = run.notifications(FollowUpKind.KEEP_IN_TOUCH);

      assertFalse(due.isEmpty());
      assertEquals(due, letters.stream().map(n -> n.recipient().name()).sorted().toList());
      assertTrue(letters.stream().allMatch(n -> n.channel().equals(Channel.LETTER)));
      assertTrue(letters.stream().allMatch(n -> n.recipient().audience() == Audience.REFERRER));
    }

    @Test
    void givenReferrersWithoutConsent_thenNothingWasSentToThem() {
      List<String> silent =
          run.referrers().stream().filter(r -> !r.consentToContact()).map(Referrer::name).toList();

      assertFalse(silent.isEmpty(), "Lukas Berg did not consent");
      assertTrue(
          run.notifications().stream()
              .filter(n -> n.recipient().audience() == Audience.REFERRER)
              .noneMatch(n -> silent.contains(n.recipient().name())));
    }
  }

  @Nested
  @DisplayName("source report")
  class Report {
    @Test
    void givenTheRun_thenThePartnerRanksFirstAndJaneSecond() {
      List<SourceRow> rows = run.report().referrers();

      assertEquals("Green Leaf Yoga", rows.get(0).label());
      assertEquals("Jane Porter", rows.get(1).label());
      assertEquals(6, rows.get(0).conversions());
      assertEquals(5, rows.get(1).conversions());
      assertEquals(new BigDecimal("1.0000"), rows.get(1).conversionRate());
    }

    @Test
    void givenTheRun_thenRowsAreRankedByConversionsThenNetRevenueThenLeads() {
      List<SourceRow> rows = run.report().referrers();

      for (int i = 0; i < rows.size(); i++) {
        assertEquals(i + 1, rows.get(i).rank());
      }
      Comparator<SourceRow> ranking =
          Comparator.comparingLong(SourceRow::conversions)
              .thenComparing(SourceRow::netRevenue)
              .thenComparingLong(SourceRow::leads)
              .reversed();
      assertEquals(rows.stream().sorted(ranking).toList(), rows);
    }

    @Test
    void givenMaxsOrderWasRefunded_thenOmarsRowShowsNoRevenueAndNoCost() {
      SourceRow omar = rowOf(run.referrer("Omar Haddad"));

      assertEquals(1, omar.conversions());
      assertTrue(omar.revenue().isZero(), omar.toString());
      assertTrue(omar.rewardCost().isZero(), omar.toString());
    }

    @Test
    void givenTheRun_thenTheOutputEndsWithTheReportTable() {
      String output = run.output();

      assertTrue(output.contains(run.report().toTable()), "the table is printed");
      assertTrue(output.indexOf("== Source report") > output.lastIndexOf("== Sun 2026-05-03 =="));
    }
  }

  private static SourceRow rowOf(Referrer referrer) {
    return run.report().referrers().stream()
        .filter(r -> r.referrerId().equals(Optional.of(referrer.id())))
        .findFirst()
        .orElseThrow();
  }

  @Nested
  @DisplayName("stable output")
  class StableOutput {
    @Test
    void givenTheSameSeed_whenRunTwice_thenTheOutputIsByteForByteTheSame() {
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      ByteArrayOutputStream second = new ByteArrayOutputStream();

      ShopBackend.run(
          ShopBackend.DEFAULT_SEED, new PrintStream(first, true, StandardCharsets.UTF_8));
      ShopBackend.run(
          ShopBackend.DEFAULT_SEED, new PrintStream(second, true, StandardCharsets.UTF_8));

      assertTrue(first.size() > 10_000, "it printed the story");
      assertEquals(first.toString(StandardCharsets.UTF_8), second.toString(StandardCharsets.UTF_8));
      assertEquals(run.output(), first.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenTheH2Store_whenRun_thenTheStoryIsTheSameAsInMemory() {
      ShopRun onH2 = ShopBackend.run(ShopBackend.DEFAULT_SEED, ShopBackend.h2Store(), NOWHERE);

      assertEquals(run.output(), onH2.output());
      assertEquals(run.rewards(), onH2.rewards());
    }

    @Test
    void givenAnotherSeed_whenRun_thenTheStoryDiffers() {
      ShopRun other = ShopBackend.run(7, NOWHERE);

      assertNotEquals(run.output(), other.output());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 123_456_789})
    void givenAnySeed_whenRun_thenTheScriptedScenesPlayOutTheSame(long seed) {
      ShopRun other = ShopBackend.run(seed, NOWHERE);

      assertEquals(run.rejections(), other.rejections());
      assertEquals(1, other.rewards(RewardStatus.DENIED).size());
      assertEquals(1, other.rewards(RewardStatus.REVOKED).size());
      assertEquals("Green Leaf Yoga", other.report().referrers().get(0).label());
      assertEquals("Jane Porter", other.report().referrers().get(1).label());
    }
  }

  @Test
  void givenTheReadmeExcerpt_whenCompared_thenEveryLineIsWhatTheDefaultRunPrints()
      throws IOException {
    String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    String examples = readme.substring(readme.indexOf("## Examples"));
    String excerpt =
        examples.substring(
            examples.indexOf("```text\n") + 8,
            examples.indexOf("```", examples.indexOf("```text\n") + 8));

    List<String> lines = excerpt.lines().filter(l -> !l.isBlank()).toList();

    assertTrue(lines.size() > 5, excerpt);
    for (String line : lines) {
      assertTrue(run.lines().contains(line), "not in the output: " + line);
    }
  }

  @Test
  void givenAnUnknownArgument_whenParsed_thenItFailsNamingTheArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ShopBackend.Options.parse(new String[] {"--h3"}));
    assertTrue(e.getMessage().contains("--h3"), e.getMessage());
    assertEquals(
        new ShopBackend.Options(7, true),
        ShopBackend.Options.parse(new String[] {"--seed", "7", "--h2"}));
    assertEquals(
        new ShopBackend.Options(ShopBackend.DEFAULT_SEED, false),
        ShopBackend.Options.parse(new String[0]));
  }
}
