package dev.referral.examples;

import dev.referral.core.ConversionResult;
import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import java.time.Instant;

/** The README's quick start: a referral from enrolment to reward, in memory. */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start and returns the conversion's result. */
  public static ConversionResult run() {
    // quick-start:begin
    ReferralProgram program =
        ReferralProgram.builder() // in-memory store, double-sided offer, follow-up policy
            .offer(
                Offer.of(
                    "Give 10% off, get 10 EUR",
                    Incentive.credit(Money.of(10, "EUR")), Incentive.percentDiscount("10")))
            .build();

    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    Lead lead =
        program.refer(jane.primaryCode().value(), Prospect.withEmail("Bob", "bob@example.com"));
    ConversionResult result =
        program.convert(lead.id(), Purchase.of("order-1", Money.of(80, "EUR"), Instant.now()));

    System.out.println(result.outcome() + ", rewards: " + result.rewards().size()); // CONVERTED, 1
    program.dispatchDueFollowUps(); // onboarding, progress update, thank-you (logged)
    // quick-start:end
    return result;
  }

  /** Runs the quick start. */
  public static void main(String[] args) {
    run();
  }
}
