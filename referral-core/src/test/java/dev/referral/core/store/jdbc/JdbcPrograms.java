package dev.referral.core.store.jdbc;

import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.ReferralStore;
import java.time.Instant;
import javax.sql.DataSource;

/** Programs on JDBC stores for the store's integration tests. */
final class JdbcPrograms {

  static final Offer OFFER =
      Offer.of(
          "Give 10% off, get 10 EUR", Incentive.credit(eur(10)), Incentive.percentDiscount("10"));

  private JdbcPrograms() {}

  static Money eur(long amount) {
    return Money.of(amount, "EUR");
  }

  /** A new JDBC store on {@code dataSource} with {@code prefix}, its schema created. */
  static JdbcReferralStore store(DataSource dataSource, String prefix) {
    JdbcReferralStore store = JdbcReferralStore.builder(dataSource).tablePrefix(prefix).build();
    store.createSchema();
    return store;
  }

  /** A program with the double-sided offer on {@code store}. */
  static ReferralProgram program(ReferralStore store) {
    return ReferralProgram.builder().store(store).offer(OFFER).build();
  }

  /**
   * A program with default follow-ups, the double-sided offer and {@code policy} on {@code store}.
   */
  static ReferralProgram programWith(ReferralStore store, ReferralPolicy policy) {
    return ReferralProgram.builder()
        .store(store)
        .policy(
            ReferralPolicy.allOf(
                FollowUpPolicy.ofDefaults(), DoubleSidedPolicy.of(JdbcPrograms.OFFER), policy))
        .build();
  }

  static Referrer customer(ReferralProgram program, String name) {
    return program.enrol(
        Enrolment.customer(name)
            .email(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com")
            .consentToContact(true)
            .build());
  }

  static Lead refer(ReferralProgram program, Referrer referrer, String friend) {
    return program.refer(
        referrer.primaryCode().value(), Prospect.withEmail(friend, friend + "@example.org"));
  }

  static Purchase order(String id, long amount) {
    return Purchase.of(id, eur(amount), Instant.now());
  }
}
