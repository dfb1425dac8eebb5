package dev.referral.core.store.memory;

import static dev.referral.core.store.StoreSamples.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Purchase;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardIssued;
import dev.referral.core.event.SatisfactionRecorded;
import dev.referral.core.spi.DuplicateKeyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store holds its event log compactly (ids as numbers, frequent events without their
 * id objects, an index of positions); whatever the ids and kinds of events, appended in batches
 * some of which roll back, it finds, lists and refuses duplicates exactly as a plain list does.
 */
class CompactEventLogProperties {
  private static final Instant BASE = Instant.parse("2030-03-15T10:00:00Z");

  /** Ids of every form: the generators' (random, sequential) and others that must not pack. */
  @Provide
  Arbitrary<String> ids() {
    String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    Arbitrary<String> base36 =
        Arbitraries.strings().withChars(digits.toCharArray()).ofMinLength(1).ofMaxLength(14);
    return Arbitraries.oneOf(
        base36.map(d -> "E-" + d), // leading zeros, 14 digits and overflow included
        Arbitraries.longs().map(n -> "E-" + Long.toUnsignedString(n, 36).toUpperCase()),
        Arbitraries.longs().between(0, 40).map(n -> "E-" + n),
        Arbitraries.of(
            "E-3W5E11264SGSF", // 2^64 - 1
            "E-3W5E11264SGSG", // 2^64
            "E-0",
            "E-00",
            "E-",
            "E-a1",
            "X-12",
            "E12",
            "e-12",
            "E-+1"));
  }

  @Provide
  Arbitrary<List<String>> idLists() {
    return ids().list().ofMinSize(1).ofMaxSize(60);
  }

  /** One batch of events appended in one transaction. */
  record Batch(List<String> ids, List<Integer> kinds, int hours, boolean rolledBack, int era) {}

  /**
   * The instant of the {@code i}th event of a batch: near the base, with nanoseconds, at the edges
   * of the range the log packs or beyond them, by {@code era}.
   */
  private static Instant at(Batch batch, int i) {
    Instant near = BASE.plusSeconds(3600L * (batch.hours() + i));
    return switch (batch.era()) {
      case 1 -> near.plusNanos(1 + 7919L * i);
      case 2 -> Instant.MIN.plusSeconds(i);
      case 3 -> Instant.MAX.minusSeconds(i);
      case 4 -> Instant.ofEpochSecond(-9_223_372_037L + i, 999_999_999);
      case 5 -> Instant.ofEpochSecond(9_223_372_035L + i, 999_999_999);
      default -> near;
    };
  }

  @Provide
  Arbitrary<List<Batch>> batches() {
    Arbitrary<Batch> batch =
        Combinators.combine(
                ids().list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.integers().between(0, 6).list().ofSize(8),
                Arbitraries.integers().between(-100, 100),
                Arbitraries.of(false, false, true),
                Arbitraries.of(0, 0, 0, 1, 1, 2, 3, 4, 5))
            .as(Batch::new);
    return batch.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void givenBatchesOfEvents_whenSomeRollBack_thenTheLogReadsLikeAPlainList(
      @ForAll("batches") List<Batch> batches) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    List<ReferralEvent> model = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Batch batch : batches) {
      List<ReferralEvent> appended = new ArrayList<>();
      boolean duplicate = false;
      for (int i = 0; i < batch.ids().size(); i++) {
        String id = batch.ids().get(i);
        ReferralEvent event = eventOf(id, batch.kinds().get(i), i, at(batch, i));
        if (isIn(model, id) || isIn(appended, id)) {
          duplicate = true;
          appended.add(event);
          break;
        }
        appended.add(event);
      }
      boolean failsOnDuplicate = duplicate;
      Runnable commit =
          () ->
              store.inTransaction(
                  tx -> {
                    appended.forEach(tx.events()::append);
                    if (batch.rolledBack()) {
                      throw new IllegalStateException("rolled back");
                    }
                    return null;
                  });
      if (failsOnDuplicate) {
        assertThrows(DuplicateKeyException.class, commit::run);
      } else if (batch.rolledBack()) {
        assertThrows(IllegalStateException.class, commit::run);
      } else {
        commit.run();
        model.addAll(appended);
      }
      seen.addAll(batch.ids());
      check(store, model, seen);
    }
  }

  @Property(tries = 50)
  void givenAFullIndex_whenTheNewestEventsAreTakenBackAgainAndAgain_thenEveryOtherIsStillFound(
      @ForAll("idLists") List<String> ids, @ForAll List<Integer> takeBack) {
    CompactEventLog log = new CompactEventLog();
    List<ReferralEvent> model = new ArrayList<>();
    int n = 0;
    for (int round = 0; round < 30; round++) {
      for (String id : ids) { // the same ids again, numbered apart: a dense index
        String unique = id + "-" + n;
        ReferralEvent event = eventOf(round == 0 ? id : unique, n % 7, n, BASE);
        n++;
        if (!log.contains(event.id())) {
          log.append(event);
          model.add(event);
        }
      }
      int take = takeBack.isEmpty() ? 0 : Math.floorMod(takeBack.get(round % takeBack.size()), 40);
      for (int i = 0; i < take && !model.isEmpty(); i++) {
        log.reverse(model.remove(model.size() - 1), true);
      }
      for (ReferralEvent event : model) {
        assertEquals(Optional.of(event), log.find(event.id()));
      }
      assertEquals(model, log.between(BASE, BASE.plusSeconds(1)));
    }
  }

  private static boolean isIn(List<ReferralEvent> events, String id) {
    return events.stream().anyMatch(e -> e.id().value().equals(id));
  }

  private static void check(
      InMemoryReferralStore store, List<ReferralEvent> model, List<String> ids) {
    store.inTransaction(
        tx -> {
          for (String id : ids) {
            Optional<ReferralEvent> expected =
                model.stream().filter(e -> e.id().value().equals(id)).findFirst();
            assertEquals(expected, tx.events().find(EventId.of(id)), id);
          }
          Instant from = BASE.minusSeconds(3600L * 50);
          Instant to = BASE.plusSeconds(3600L * 50);
          List<Instant[]> ranges =
              List.of(
                  new Instant[] {from, to},
                  new Instant[] {Instant.MIN, Instant.MAX},
                  new Instant[] {Instant.MIN, Instant.ofEpochSecond(-9_223_372_036L, 0)},
                  new Instant[] {Instant.ofEpochSecond(9_223_372_036L, 0), Instant.MAX},
                  new Instant[] {BASE, BASE.plusNanos(1)});
          for (Instant[] range : ranges) {
            assertEquals(
                model.stream()
                    .filter(e -> !e.at().isBefore(range[0]) && e.at().isBefore(range[1]))
                    .toList(),
                tx.events().between(range[0], range[1]));
          }
          return null;
        });
  }

  private static ReferralEvent eventOf(String id, int kind, int n, Instant at) {
    return switch (kind) {
      case 0, 1, 2 -> event(id, kind + n * 3, at); // referred, converted, granted
      case 3 ->
          new LeadMoved(
              EventId.of(id),
              at,
              LeadId.of("L-" + n),
              ReferrerId.of("R-1"),
              LeadStatus.REFERRED,
              LeadStatus.CONTACTED,
              "called");
      case 4 ->
          new RewardIssued(
              EventId.of(id),
              at,
              RewardId.of("W-" + n),
              ReferrerId.of("R-1"),
              Optional.empty(),
              Beneficiary.REFERRER,
              Incentive.credit(Money.of(5, "EUR")),
              Optional.of(Money.of(5, "EUR")));
      case 5 -> new SatisfactionRecorded(EventId.of(id), at, ReferrerId.of("R-1"), 9);
      default ->
          new LeadConverted( // bought a day before it was recorded, with items
              EventId.of(id),
              at,
              LeadId.of("L-" + n),
              ReferrerId.of("R-1"),
              LeadStatus.CONTACTED,
              new Purchase(
                  OrderId.of("order-" + n),
                  Money.of("80", "EUR"),
                  n % 2 == 0 ? at : dayApart(at).plusNanos(n),
                  Set.of("SKU-" + n),
                  Set.of("shoes", "sale")));
    };
  }

  private static Instant dayApart(Instant at) {
    return at.isAfter(BASE) ? at.minusSeconds(86_400) : at.plusSeconds(86_400);
  }
}
