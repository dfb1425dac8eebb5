package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.CurrencyMismatchException;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.PartnerReciprocity;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerKind;
import dev.referral.core.Refund;
import dev.referral.core.SourceReport;
import dev.referral.core.SourceRow;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceReportTest {
  static final Currency EUR = Currency.getInstance("EUR");

  final Fixture f =
      new Fixture(
          b ->
              b.policy(
                  (ReferralPolicy)
                      (event, context) -> {
                        if (!(event instanceof LeadConverted)) {
                          return List.of();
                        }
                        boolean partner =
                            context.referrer().orElseThrow().kind() == ReferrerKind.PARTNER;
                        return List.of(
                            GrantReward.toReferrer(
                                partner ? Incentive.commission("10") : Incentive.credit(eur(10)),
                                "reward"));
                      }));

  SourceReport report() {
    return f.program.sourceReport(Fixture.START, Fixture.START.plus(Duration.ofDays(30)), EUR);
  }

  @Test
  void shouldRankSourcesByConversionsThenNetRevenue() {
    // given
    Referrer jane = f.customer("Jane");
    Referrer john = f.customer("John");
    Referrer bakery = f.partner("Corner Bakery");
    for (int i = 0; i < 3; i++) {
      Lead lead = f.refer(bakery);
      f.program.convert(lead.id(), f.order(200));
    }
    f.refer(bakery);
    Lead janeLead = f.refer(jane);
    f.program.convert(janeLead.id(), f.order(100));
    f.refer(jane);
    f.refer(john);
    f.program.refer(
        john.primaryCode().value(), dev.referral.core.Prospect.withEmail("J", "john@example.com"));
    f.program.refer("NOPE2345", f.newProspect());
    f.program.recordOutboundReferral(bakery.id(), "sent a customer for cakes");
    // when
    SourceReport report = report();
    // then
    List<SourceRow> rows = report.referrers();
    assertEquals(
        List.of("Corner Bakery", "Jane", "John"), rows.stream().map(SourceRow::label).toList());
    SourceRow top = rows.get(0);
    assertEquals(1, top.rank());
    assertEquals(4, top.leads());
    assertEquals(3, top.conversions());
    assertEquals(new BigDecimal("0.7500"), top.conversionRate());
    assertEquals(eur(600), top.revenue());
    assertEquals(eur(60), top.rewardCost());
    assertEquals(eur(540), top.netRevenue());
    SourceRow janeRow = rows.get(1);
    assertEquals(new BigDecimal("0.5000"), janeRow.conversionRate());
    assertEquals(eur(90), janeRow.netRevenue());
    SourceRow johnRow = rows.get(2);
    assertEquals(1, johnRow.leads());
    assertEquals(1, johnRow.rejections());
    assertEquals(0, johnRow.conversions());
    assertEquals(
        List.of(ReferrerKind.PARTNER, ReferrerKind.CUSTOMER),
        report.kinds().stream().map(SourceRow::kind).toList());
    SourceRow customers = report.kinds().get(1);
    assertEquals(3, customers.leads());
    assertEquals(1, customers.conversions());
    assertEquals(1, report.unknownCodeRejections());
    assertEquals(
        List.of(new PartnerReciprocity(bakery.id(), "Corner Bakery", 4, 1)), report.partners());
    String table = report.toTable();
    assertTrue(table.contains("Corner Bakery"), table);
    assertTrue(table.contains("75.0%"), table);
  }

  @Test
  void shouldDeductRefundsAndRevokedRewards() {
    Referrer jane = f.customer("Jane");
    Lead lead = f.refer(jane);
    Purchase order = f.order(100);
    f.program.convert(lead.id(), order);

    f.program.refund(
        Refund.of("RF-1", order.orderId().value(), eur(100), f.clock.instant(), "returned"));

    SourceRow row = report().referrers().get(0);
    assertEquals(eur(0), row.revenue());
    assertEquals(eur(0), row.rewardCost());
  }

  @Test
  void shouldOnlyCountTheGivenPeriod() {
    Referrer jane = f.customer("Jane");
    f.refer(jane);
    f.advance(Duration.ofDays(40));
    f.refer(jane);

    assertEquals(1, report().referrers().get(0).leads());
  }

  @Test
  void shouldRefuseToMixCurrencies() {
    Referrer jane = f.customer("Jane");
    Lead lead = f.refer(jane);
    f.program.convert(lead.id(), Purchase.of("O-USD", Money.of(100, "USD"), f.clock.instant()));

    assertThrows(CurrencyMismatchException.class, this::report);
  }

  @Test
  void shouldRefuseAnEmptyPeriod() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> f.program.sourceReport(Fixture.START, Fixture.START, EUR));
    assertTrue(e.getMessage().startsWith("from"), e.getMessage());
    assertTrue(f.program.sourceReport(Instant.EPOCH, Fixture.START, EUR).referrers().isEmpty());
  }
}
