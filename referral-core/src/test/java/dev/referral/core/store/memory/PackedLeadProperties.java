package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Conversion;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.Refund;
import dev.referral.core.RefundId;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.spi.OrderRecord;
import dev.referral.core.store.StoreSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The in-memory store keeps leads packed and rebuilds them on every read, and rebuilds a
 * conversion's order record from its lead: whatever the lead (with or without a referrer, a code, a
 * rejection or a conversion; any notes; histories short and long, chained or not; instants with
 * nanoseconds, far in the past or future), written, updated and rolled back, what it reads back is
 * equal to what was last committed, to the same string.
 */
class PackedLeadProperties {
  private static final Instant BASE = Instant.parse("2030-03-15T10:00:00.123456789Z");
  private static final ReferrerId REFERRER = ReferrerId.of("R-1");

  /** Instants near the base, at the edges of the packed range and beyond, anywhere. */
  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Instant> near =
        Arbitraries.longs()
            .between(-2_000_000_000_000_000_000L, 2_000_000_000_000_000_000L)
            .map(BASE::plusNanos);
    Arbitrary<Instant> anywhere =
        Combinators.combine(
                Arbitraries.longs()
                    .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    Arbitrary<Instant> edges =
        Arbitraries.of(
            Instant.MIN,
            Instant.MAX,
            Instant.EPOCH,
            Instant.ofEpochSecond(-1, 1),
            Instant.ofEpochSecond(-9_223_372_036L, 0),
            Instant.ofEpochSecond(-9_223_372_037L, 999_999_999),
            Instant.ofEpochSecond(9_223_372_035L, 999_999_999),
            Instant.ofEpochSecond(9_223_372_036L, 0));
    return Arbitraries.frequencyOf(
        Tuple.of(6, near),
        Tuple.of(1, anywhere),
        Tuple.of(2, edges),
        Tuple.of(3, Arbitraries.just(BASE)));
  }

  /** One step: its state, instant and note, and whether it starts from the step before's state. */
  record Step(LeadStatus to, Instant at, String note, boolean chained, LeadStatus otherFrom) {}

  @Provide
  Arbitrary<Step> steps() {
    return Combinators.combine(
            Arbitraries.of(LeadStatus.class),
            instants(),
            Arbitraries.oneOf(
                Arbitraries.of("", "called", "order O-1", "order ", "REJECTED", "attribution"),
                Arbitraries.strings().ofMaxLength(12)),
            Arbitraries.of(true, true, true, false),
            Arbitraries.of(LeadStatus.class))
        .as(Step::new);
  }

  /** What makes a lead, besides its id, referrer (the same in every version) and history. */
  record Shape(
      Instant referredAt,
      Instant expiresAt,
      boolean firstAtReferral,
      boolean code,
      String detail,
      int conversionAt, // 0: at the last step, 1: at the first step, 2: at its own instant
      Instant ownAt) {}

  @Provide
  Arbitrary<Shape> shapes() {
    return Combinators.combine(
            instants(),
            instants(),
            Arbitraries.of(true, true, false),
            Arbitraries.of(true, false),
            Arbitraries.of("", "held by lead L-1", "code 'X'"),
            Arbitraries.integers().between(0, 2),
            instants())
        .as(Shape::new);
  }

  /** One version of a lead. */
  record Spec(Shape shape, List<Step> history, int versionOver, String source, int prospect) {}

  @Provide
  Arbitrary<Spec> specs() {
    return Combinators.combine(
            shapes(),
            Arbitraries.oneOf(steps().list().ofMinSize(1).ofMaxSize(5), steps().list().ofSize(17)),
            Arbitraries.frequency(
                Tuple.of(8, 0),
                Tuple.of(2, 3),
                Tuple.of(1, 255),
                Tuple.of(1, 256),
                Tuple.of(1, 100_000)),
            Arbitraries.of("link", "email", "news" + "letter"),
            Arbitraries.integers().between(0, 4))
        .as(Spec::new);
  }

  static Lead lead(String id, boolean referred, Spec spec, long minVersion) {
    Shape s = spec.shape();
    List<LeadTransition> history = new ArrayList<>();
    LeadStatus before = null;
    for (int i = 0; i < spec.history().size(); i++) {
      Step step = spec.history().get(i);
      Instant at = i == 0 && s.firstAtReferral() ? s.referredAt() : step.at();
      String note =
          switch (step.note()) {
            case "order O-1" -> "order O-" + id; // the note the program writes
            case "REJECTED" ->
                new Rejection(RejectionReason.ALREADY_REFERRED, s.detail()).toString();
            default -> step.note();
          };
      if (i == 0 && step.chained()) {
        history.add(LeadTransition.initial(step.to(), at, note));
      } else if (step.chained()) {
        history.add(LeadTransition.move(before, step.to(), at, note));
      } else {
        history.add(LeadTransition.move(step.otherFrom(), step.to(), at, note));
      }
      before = step.to();
    }
    LeadStatus status = before;
    Optional<Conversion> conversion = Optional.empty();
    if (status == LeadStatus.CONVERTED) {
      Instant at =
          switch (s.conversionAt()) {
            case 0 -> history.get(history.size() - 1).at();
            case 1 -> history.get(0).at();
            default -> s.ownAt();
          };
      conversion = Optional.of(new Conversion(OrderId.of("O-" + id), Money.of(80, "EUR"), at));
    }
    Optional<Rejection> rejection =
        status == LeadStatus.REJECTED
            ? Optional.of(new Rejection(RejectionReason.ALREADY_REFERRED, s.detail()))
            : Optional.empty();
    Prospect prospect =
        switch (spec.prospect()) {
          case 0 -> Prospect.withEmail("Prospect " + id, id + "@example.com");
          case 1 -> Prospect.withPhone("Prospect " + id, "+49301234");
          case 2 -> Prospect.builder("P").email("p@example.org").customerRef("c-1").build();
          case 3 ->
              Prospect.builder(" Anna  B. ") // normalised on the way in
                  .email(" Anna.B+ref@Example.COM ")
                  .phone("0049 (30) 123-4567")
                  .build();
          default -> Prospect.withPhone("Bo", "+1 (555) 010.9999");
        };
    return new Lead(
        LeadId.of(id),
        referred ? Optional.of(REFERRER) : Optional.empty(),
        s.code() ? Optional.of(ReferralCode.parse("ABCD23")) : Optional.empty(),
        prospect,
        spec.source(),
        status,
        rejection,
        s.referredAt(),
        s.expiresAt(),
        conversion,
        history,
        Math.max(minVersion, spec.history().size() + spec.versionOver()));
  }

  @Example
  void givenALeadMovedAndConvertedAsTheProgramDoes_whenPacked_thenItHasAPackedFormThatRebuildsIt() {
    Lead lead =
        StoreSamples.lead("L-1", "R-1", BASE)
            .moveTo(LeadStatus.CONTACTED, BASE.plusSeconds(60), "called")
            .moveTo(LeadStatus.QUALIFIED, BASE.plusSeconds(120), "wants a quote");
    Lead converted = StoreSamples.converted(lead, "O-1", BASE.plusNanos(180_000_000_001L));

    for (Lead written : List.of(lead, converted)) {
      PackedLead packed = PackedLead.pack(written, "email:l-1", written.source());
      assertNotNull(packed);
      assertEquals(written, packed.lead());
      assertEquals(written.status(), packed.status());
      assertEquals(written.version(), packed.version());
      assertEquals(written.expiresAt(), packed.expiresAt());
    }
  }

  @Example
  void givenALeadWithAnInstantOutOfRangeOrAnUnchainedHistory_whenPacked_thenItHasNoPackedForm() {
    Lead lead = StoreSamples.lead("L-1", "R-1", BASE);
    Lead farFuture = lead.moveTo(LeadStatus.CONTACTED, Instant.MAX, "");
    Lead unchained =
        new Lead(
            lead.id(),
            lead.referrerId(),
            lead.code(),
            lead.prospect(),
            lead.source(),
            LeadStatus.CONTACTED,
            Optional.empty(),
            BASE,
            BASE,
            Optional.empty(),
            List.of(LeadTransition.move(LeadStatus.LOST, LeadStatus.CONTACTED, BASE, "")),
            1);

    assertNull(PackedLead.pack(farFuture, "email:l-1", lead.source()));
    assertNull(PackedLead.pack(unchained, "email:l-1", lead.source()));
  }

  /** The versions of one lead, each written in a transaction that commits or rolls back. */
  record Write(Spec spec, boolean rolledBack, int orderChange, boolean refund) {}

  @Provide
  Arbitrary<List<Write>> writes() {
    return Combinators.combine(
            specs(),
            Arbitraries.of(false, false, true),
            Arbitraries.of(0, 0, 1, 2),
            Arbitraries.of(false, false, true))
        .as(Write::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Property(tries = 400)
  void givenAnyLead_whenWrittenUpdatedAndRolledBack_thenReadsBackEqualToTheCommittedOne(
      @ForAll("writes") List<Write> writes,
      @ForAll("instants") Instant since,
      @ForAll boolean referred) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    String id = "L-" + writes.size();
    LeadId leadId = LeadId.of(id);
    Lead committed = null;
    OrderRecord order = null;
    for (Write write : writes) {
      Lead lead = lead(id, referred, write.spec(), committed == null ? 1 : committed.version() + 1);
      if (committed != null && lead.version() != committed.version() + 1) {
        continue; // a version too large to follow
      }
      OrderRecord written = orderFor(lead, write.orderChange());
      boolean insert = committed == null;
      List<OrderRecord> left = new ArrayList<>(); // the order the transaction leaves
      Runnable work =
          () ->
              store.inTransaction(
                  tx -> {
                    if (insert) {
                      tx.leads().insert(lead, Set.of("email:" + id));
                    } else {
                      tx.leads().update(lead);
                    }
                    Optional<OrderRecord> stored =
                        written == null ? Optional.empty() : tx.orders().find(written.orderId());
                    if (stored.isEmpty() && written != null) {
                      tx.orders().insert(written);
                      stored = Optional.of(written);
                    }
                    if (stored.isPresent() && write.refund()) {
                      OrderRecord refunded =
                          stored
                              .get()
                              .withRefund(refund(written.orderId(), stored.get().refunds().size()));
                      tx.orders().update(refunded);
                      stored = Optional.of(refunded);
                    }
                    stored.ifPresent(left::add);
                    if (write.rolledBack()) {
                      throw new IllegalStateException("rolled back");
                    }
                    return null;
                  });
      if (write.rolledBack()) {
        assertThrows(IllegalStateException.class, work::run);
      } else {
        work.run();
        committed = lead;
        if (!left.isEmpty()) {
          order = left.get(0);
        }
      }
      Lead expected = committed;
      OrderRecord expectedOrder = order;
      store.inTransaction(
          tx -> {
            Optional<Lead> found = tx.leads().find(leadId);
            assertEquals(Optional.ofNullable(expected), found);
            assertEquals(String.valueOf(expected), String.valueOf(found.orElse(null)));
            if (expected != null) {
              assertEquals(expected.hashCode(), found.orElseThrow().hashCode());
              boolean recent = !expected.referredAt().isBefore(since);
              List<Lead> byReferrer = tx.leads().findByReferrer(REFERRER, since);
              assertEquals(
                  expected.referrerId().isPresent() && recent ? List.of(expected) : List.of(),
                  byReferrer);
              assertEquals(
                  recent ? List.of(expected) : List.of(),
                  tx.leads().findByIdentity(Set.of("email:" + id), since));
            }
            if (expectedOrder != null) {
              Optional<OrderRecord> foundOrder = tx.orders().find(expectedOrder.orderId());
              assertEquals(Optional.of(expectedOrder), foundOrder);
              assertEquals(expectedOrder.toString(), foundOrder.orElseThrow().toString());
            }
            return null;
          });
    }
  }

  private static Refund refund(OrderId orderId, int n) {
    return new Refund(RefundId.of("RF-" + n), orderId, Money.of(1, "EUR"), BASE, "returned");
  }

  /** The order record of a converted lead as the program writes it (0), or a variant of it. */
  private static OrderRecord orderFor(Lead lead, int change) {
    if (lead.conversion().isEmpty()) {
      return null;
    }
    Conversion c = lead.conversion().get();
    return switch (change) {
      case 0 ->
          new OrderRecord(
              c.orderId(),
              lead.id(),
              c.amount(),
              c.at(),
              OrderRecord.Kind.CONVERSION,
              List.of(),
              1);
      case 1 ->
          new OrderRecord(
              c.orderId(),
              lead.id(),
              Money.of(81, "EUR"),
              c.at(),
              OrderRecord.Kind.CONVERSION,
              List.of(),
              1);
      default ->
          new OrderRecord(
              c.orderId(),
              lead.id(),
              c.amount(),
              c.at().isAfter(BASE) ? c.at().minusNanos(1) : c.at().plusNanos(1),
              OrderRecord.Kind.REPEAT_PURCHASE,
              List.of(),
              1);
    };
  }
}
