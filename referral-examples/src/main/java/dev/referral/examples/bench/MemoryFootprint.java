package dev.referral.examples.bench;

import static dev.referral.rules.Rules.always;
import static dev.referral.rules.Rules.rule;

import dev.referral.core.Conversion;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.Referrer;
import dev.referral.core.event.EventType;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.RuleSet;
import dev.referral.rules.testing.TestData;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Heap per lead and per reward in the {@link InMemoryReferralStore}: leads are referred, contacted,
 * qualified and converted (a 4-step history), and the heap is measured after a full GC before and
 * after, on the system clock. Everything the store keeps for a lead counts: the lead, its indexes,
 * its order, and its events in the store's event log. Run once with rules that grant nothing, once
 * with one reward per conversion; the difference divided by the rewards is the cost of a reward.
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  /**
   * The measured figures.
   *
   * @param leads how many leads
   * @param bytesPerLead heap per lead in the store, with its history, indexes, order and events,
   *     without rewards
   * @param bytesPerLeadValue heap per {@link Lead} value with its 4-step history, outside a store
   * @param rewards how many rewards the second run granted
   * @param bytesPerReward heap per reward, with its events and indexes
   */
  public record Result(
      int leads, long bytesPerLead, long bytesPerLeadValue, long rewards, long bytesPerReward) {
    /** The figures as a JSON object. */
    public String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"leads\": %d, \"bytesPerLead\": %d, \"bytesPerLeadValue\": %d, \"rewards\": %d,"
              + " \"bytesPerReward\": %d}",
          leads,
          bytesPerLead,
          bytesPerLeadValue,
          rewards,
          bytesPerReward);
    }
  }

  /** Measures with {@code leads} leads (a million by default). */
  public static void main(String[] args) {
    int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.println(measure(leads).toJson());
  }

  /** Measures with {@code leads} leads. */
  public static Result measure(int leads) {
    RuleSet none = RuleSet.builder("nothing").build();
    RuleSet oneReward =
        RuleSet.builder("one reward")
            .rule(
                rule("referrer credit")
                    .on(EventType.LEAD_CONVERTED)
                    .when(always())
                    .grantReferrer(Incentive.credit(Money.of(10, "EUR"))))
            .build();
    long withoutRewards = heapOf(leads, none, false);
    long withRewards = heapOf(leads, oneReward, true);
    return new Result(
        leads,
        withoutRewards / leads,
        leadValues(leads) / leads,
        leads,
        Math.max(0, withRewards - withoutRewards) / leads);
  }

  /**
   * The heap that {@code count} lead values take, each made and moved as the program does it:
   * referred, contacted, qualified and converted, with an id, a prospect and the notes of each
   * step.
   */
  private static long leadValues(int count) {
    Referrer referrer = TestData.customer("anna");
    Lead[] leads = new Lead[count];
    long before = usedHeapAfterGc();
    for (int i = 0; i < count; i++) {
      Instant at = Instant.now();
      Lead referred =
          new Lead(
              LeadId.of(IdGenerator.random().next("L")),
              Optional.of(referrer.id()),
              Optional.of(referrer.primaryCode()),
              Prospect.withEmail("Prospect " + i, "prospect" + i + "@example.com"),
              "link",
              LeadStatus.REFERRED,
              Optional.empty(),
              at,
              at.plus(ReferralProgram.Builder.DEFAULT_ATTRIBUTION_WINDOW),
              Optional.empty(),
              List.of(LeadTransition.initial(LeadStatus.REFERRED, at, "")),
              1);
      String order = "order-" + i;
      leads[i] =
          referred
              .moveTo(LeadStatus.CONTACTED, Instant.now(), "called")
              .moveTo(LeadStatus.QUALIFIED, Instant.now(), "wants a quote")
              .convert(
                  new Conversion(OrderId.of(order), ShopPrograms.EUR_80, Instant.now()),
                  "order " + order);
    }
    long after = usedHeapAfterGc();
    Reference.reachabilityFence(leads);
    // Less the array that holds them: a header and a reference per lead.
    return after - before - 16 - 4L * count;
  }

  /** The heap that {@code leads} converted leads take in a fresh store. */
  private static long heapOf(int leads, RuleSet rules, boolean expectRewards) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    ReferralProgram program =
        ReferralProgram.builder()
            .store(store)
            .policy(RuleEngine.of(rules))
            .notifier(n -> {})
            .build();
    List<String> codes = ShopPrograms.enrol(program, EndToEndBenchmark.REFERRERS);
    long before = usedHeapAfterGc();
    for (int i = 0; i < leads; i++) {
      Lead lead = program.refer(EndToEndBenchmark.request(codes, i));
      program.move(lead.id(), LeadStatus.CONTACTED, "called");
      program.move(lead.id(), LeadStatus.QUALIFIED, "wants a quote");
      program.convert(lead.id(), Purchase.of("order-" + i, ShopPrograms.EUR_80, Instant.now()));
    }
    long after = usedHeapAfterGc();
    if (store.leadCount() != leads || (store.rewardCount() == leads) != expectRewards) {
      throw new IllegalStateException(
          "expected "
              + leads
              + " leads but the store has "
              + store.leadCount()
              + " leads and "
              + store.rewardCount()
              + " rewards");
    }
    Reference.reachabilityFence(program);
    Reference.reachabilityFence(store);
    return after - before;
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while measuring the heap", e);
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
