package dev.referral.core.program;

import dev.referral.core.Enrolment;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Money;
import dev.referral.core.Offer;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.notify.RecordingNotifier;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import dev.referral.core.store.jdbc.TestDatabases;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A program on a store with a settable clock, for the facade's tests. The store is in memory, or a
 * fresh H2 database through {@link JdbcReferralStore} when the system property {@value
 * #STORE_PROPERTY} is {@code h2} (the build runs the facade's tests both ways).
 */
final class Fixture {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Offer OFFER =
      Offer.of(
          "Give 10% off, get 10 EUR",
          Incentive.credit(Money.of(10, "EUR")), Incentive.percentDiscount("10"));

  final SettableClock clock = SettableClock.at(START);
  final RecordingNotifier notifier = new RecordingNotifier();

  /** The system property that picks the store: {@code memory} (the default) or {@code h2}. */
  static final String STORE_PROPERTY = "referral.test.programStore";

  final ReferralStore store = newStore();
  final List<ReferralEvent> published = new ArrayList<>();
  final ReferralProgram program;
  private final AtomicInteger orders = new AtomicInteger();
  private final AtomicInteger people = new AtomicInteger();

  Fixture() {
    this(b -> b.offer(OFFER));
  }

  Fixture(Consumer<ReferralProgram.Builder> settings) {
    ReferralProgram.Builder builder =
        ReferralProgram.builder()
            .store(store)
            .clock(clock)
            .notifier(notifier)
            .idGenerator(IdGenerator.sequential());
    settings.accept(builder);
    program = builder.build();
    program.onEvent(
        e -> {
          synchronized (published) {
            published.add(e);
          }
        });
  }

  /** The store {@value #STORE_PROPERTY} names. */
  static ReferralStore newStore() {
    String kind = System.getProperty(STORE_PROPERTY, "memory");
    switch (kind) {
      case "memory":
        return new InMemoryReferralStore();
      case "h2":
        JdbcReferralStore jdbc = JdbcReferralStore.builder(TestDatabases.newH2()).build();
        jdbc.createSchema();
        return jdbc;
      default:
        throw new IllegalArgumentException(STORE_PROPERTY + " must be memory or h2, not " + kind);
    }
  }

  /** A policy that grants the referrer {@code incentive} on every conversion. */
  static ReferralPolicy onConversion(Incentive incentive, String reason) {
    return (event, context) ->
        event instanceof LeadConverted
            ? List.of(GrantReward.toReferrer(incentive, reason))
            : List.of();
  }

  static Money eur(long amount) {
    return Money.of(amount, "EUR");
  }

  Referrer customer(String name) {
    return program.enrol(
        Enrolment.customer(name)
            .email(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com")
            .consentToContact(true)
            .build());
  }

  Referrer partner(String name) {
    return program.enrol(
        Enrolment.partner(name)
            .email(
                "hello@" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".example")
            .consentToContact(true)
            .build());
  }

  Prospect newProspect() {
    int n = people.incrementAndGet();
    return Prospect.withEmail("Friend " + n, "friend" + n + "@example.org");
  }

  Lead refer(Referrer referrer) {
    return program.refer(referrer.primaryCode().value(), newProspect());
  }

  Purchase order(long amount) {
    return Purchase.of("O-" + orders.incrementAndGet(), eur(amount), clock.instant());
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  List<ReferralEvent> events() {
    return program.events(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
  }

  <E extends ReferralEvent> List<E> events(Class<E> type) {
    List<E> found = new ArrayList<>();
    for (ReferralEvent e : events()) {
      if (type.isInstance(e)) {
        found.add(type.cast(e));
      }
    }
    return found;
  }
}
