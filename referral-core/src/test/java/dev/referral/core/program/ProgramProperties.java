package dev.referral.core.program;

import static dev.referral.core.program.Fixture.eur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.CurrencyMismatchException;
import dev.referral.core.IllegalLeadTransitionException;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralLimits;
import dev.referral.core.Referrer;
import dev.referral.core.Refund;
import dev.referral.core.Reward;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.ReferralPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the program over many generated command sequences. */
class ProgramProperties {

  // --- Duplicates and reorderings grant exactly the rewards of the de-duplicated sequence.

  sealed interface Command permits Refer, Convert, RefundOrder {}

  record Refer(int prospect, int referrer) implements Command {}

  record Convert(int prospect, String orderId, long amount) implements Command {}

  record RefundOrder(int prospect, String orderId, String refundId, long amount)
      implements Command {}

  /** A valid script: per prospect a chain refer -> convert -> (repeat) -> (refund), interleaved. */
  @Provide
  Arbitrary<List<Command>> scripts() {
    Arbitrary<List<Command>> chain =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(20, 300))
            .as(
                (referrer, depth, amount) -> {
                  List<Command> c = new ArrayList<>();
                  c.add(new Refer(-1, referrer));
                  if (depth >= 1) {
                    c.add(new Convert(-1, "A", amount));
                  }
                  if (depth >= 2) {
                    c.add(new Convert(-1, "B", amount / 2 + 1));
                  }
                  if (depth >= 3) {
                    c.add(new RefundOrder(-1, "A", "R", amount));
                  }
                  return c;
                });
    return chain.list().ofMinSize(1).ofMaxSize(6).flatMap(chains -> interleave(chains));
  }

  private static Arbitrary<List<Command>> interleave(List<List<Command>> chains) {
    return Arbitraries.randoms()
        .map(
            random -> {
              List<List<Command>> numbered = new ArrayList<>();
              for (int p = 0; p < chains.size(); p++) {
                List<Command> withIds = new ArrayList<>();
                for (Command c : chains.get(p)) {
                  withIds.add(number(c, p));
                }
                numbered.add(withIds);
              }
              List<Command> out = new ArrayList<>();
              int[] next = new int[numbered.size()];
              int remaining = numbered.stream().mapToInt(List::size).sum();
              while (remaining > 0) {
                int p = random.nextInt(numbered.size());
                if (next[p] < numbered.get(p).size()) {
                  out.add(numbered.get(p).get(next[p]++));
                  remaining--;
                }
              }
              return out;
            });
  }

  private static Command number(Command c, int p) {
    if (c instanceof Refer r) {
      return new Refer(p, r.referrer());
    }
    if (c instanceof Convert v) {
      return new Convert(p, "O-" + p + v.orderId(), v.amount());
    }
    RefundOrder r = (RefundOrder) c;
    return new RefundOrder(p, "O-" + p + r.orderId(), "RF-" + p, r.amount());
  }

  /** Adds each command again 0-2 times, somewhere after its first occurrence. */
  private static List<Command> withDuplicates(List<Command> script, long seed) {
    Random random = new Random(seed);
    List<Command> noisy = new ArrayList<>(script);
    for (Command c : script) {
      int copies = random.nextInt(3);
      for (int i = 0; i < copies; i++) {
        int first = noisy.indexOf(c);
        noisy.add(first + 1 + random.nextInt(noisy.size() - first), c);
      }
    }
    return noisy;
  }

  private static List<String> run(List<Command> commands) {
    Fixture f = new Fixture();
    List<Referrer> referrers = List.of(f.customer("Ann"), f.customer("Ben"), f.partner("Shop"));
    for (Command c : commands) {
      if (c instanceof Refer r) {
        f.program.refer(referrers.get(r.referrer()).primaryCode().value(), prospect(r.prospect()));
      } else if (c instanceof Convert v) {
        Lead lead = f.program.findLeadFor(prospect(v.prospect())).orElseThrow();
        f.program.convert(lead.id(), Purchase.of(v.orderId(), eur(v.amount()), f.clock.instant()));
      } else if (c instanceof RefundOrder r) {
        f.program.refund(
            Refund.of(r.refundId(), r.orderId(), eur(r.amount()), f.clock.instant(), "returned"));
      }
    }
    List<String> signature = new ArrayList<>();
    for (Referrer referrer : referrers) {
      for (Reward reward : f.program.rewardsOf(referrer.id())) {
        String prospect =
            f.program.lead(reward.leadId().orElseThrow()).prospect().email().orElseThrow();
        signature.add(
            String.join(
                "|",
                referrer.name(),
                prospect,
                reward.beneficiary().name(),
                reward.reason(),
                reward.incentive().toString(),
                reward.value().toString(),
                reward.status().name()));
      }
    }
    Collections.sort(signature);
    return signature;
  }

  private static Prospect prospect(int p) {
    return Prospect.withEmail("Friend " + p, "friend" + p + "@example.org");
  }

  @Property(tries = 150)
  void duplicatedCommandsGrantExactlyTheRewardsOfTheDeduplicatedSequence(
      @ForAll("scripts") List<Command> script, @ForAll long seed) {
    List<String> expected = run(script);
    List<String> actual = run(withDuplicates(script, seed));

    assertEquals(expected, actual);
  }

  // --- Limits and budgets are never exceeded.

  @Property(tries = 100)
  void limitsAndBudgetsAreNeverExceeded(
      @ForAll @IntRange(min = 0, max = 3) int perMonth,
      @ForAll @IntRange(min = 0, max = 8) int lifetime,
      @ForAll @LongRange(min = 0, max = 120) long budget,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5) Integer> steps) {
    ReferralPolicy policy =
        (event, context) ->
            event instanceof LeadConverted c
                ? List.of(
                    GrantReward.toReferrer(
                        Incentive.credit(
                            eur(c.purchase().amount().amount().longValue() > 100 ? 15 : 10)),
                        "credit"))
                : List.of();
    ReferralLimits limits =
        ReferralLimits.builder()
            .maxRewardsPerMonth(perMonth)
            .maxRewardsLifetime(lifetime)
            .programBudget(eur(budget))
            .build();
    Fixture f = new Fixture(b -> b.policy(policy).limits(limits));
    List<Referrer> referrers = List.of(f.customer("Ann"), f.customer("Ben"), f.customer("Cid"));
    for (int step : steps) {
      if (step == 5) {
        f.advance(Duration.ofDays(20));
        continue;
      }
      Referrer r = referrers.get(step % 3);
      Lead lead = f.refer(r);
      f.program.convert(lead.id(), f.order(step >= 3 ? 150 : 50));
    }
    Money spent = eur(0);
    for (Referrer r : referrers) {
      Map<YearMonth, Integer> perMonthCount = new HashMap<>();
      int total = 0;
      for (Reward reward : f.program.rewardsOf(r.id())) {
        if (reward.countsTowardReferrerLimits()) {
          perMonthCount.merge(
              YearMonth.from(reward.grantedAt().atZone(ZoneOffset.UTC)), 1, Integer::sum);
          total++;
        }
        if (reward.countsTowardBudget()) {
          spent = spent.plus(reward.value().orElseThrow());
        }
      }
      assertTrue(total <= lifetime, "lifetime");
      perMonthCount.values().forEach(n -> assertTrue(n <= perMonth, "per month"));
    }
    assertTrue(spent.compareTo(eur(budget)) <= 0, "budget: " + spent);
  }

  // --- An illegal move always throws and changes nothing.

  @Property(tries = 200)
  void anIllegalMoveAlwaysThrowsAndChangesNothing(
      @ForAll @Size(max = 8) List<LeadStatus> targets, @ForAll boolean convertFirst) {
    Fixture f = new Fixture();
    Lead lead = f.refer(f.customer("Jane"));
    if (convertFirst) {
      f.program.convert(lead.id(), f.order(10));
    }
    for (LeadStatus to : targets) {
      Lead before = f.program.lead(lead.id());
      int events = f.events().size();
      if (before.status().canMoveTo(to)) {
        Lead after = f.program.move(lead.id(), to, "");
        assertEquals(to, after.status());
        assertEquals(before.history().size() + 1, after.history().size());
      } else {
        IllegalLeadTransitionException e =
            assertThrows(
                IllegalLeadTransitionException.class, () -> f.program.move(lead.id(), to, ""));
        assertEquals(before.status(), e.from());
        assertEquals(before, f.program.lead(lead.id()));
        assertEquals(events, f.events().size());
      }
    }
  }

  // --- Money never mixes currencies silently.

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("EUR", "USD", "GBP", "JPY", "CHF").map(Currency::getInstance);
  }

  @Property(tries = 300)
  void moneyNeverMixesCurrencies(
      @ForAll("currencies") Currency a,
      @ForAll("currencies") Currency b,
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long x,
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long y) {
    Money left = Money.of(BigDecimal.valueOf(x), a);
    Money right = Money.of(BigDecimal.valueOf(y), b);
    if (a.equals(b)) {
      assertEquals(
          BigDecimal.valueOf(x + y).setScale(left.amount().scale()), left.plus(right).amount());
      assertEquals(Long.compare(x, y), Integer.signum(left.compareTo(right)));
    } else {
      assertThrows(CurrencyMismatchException.class, () -> left.plus(right));
      assertThrows(CurrencyMismatchException.class, () -> left.minus(right));
      assertThrows(CurrencyMismatchException.class, () -> left.compareTo(right));
    }
  }

  @Property(tries = 60)
  void rewardValuesKeepTheCurrencyOfTheirOrder(@ForAll("currencies") Currency currency) {
    ReferralPolicy commission = Fixture.onConversion(Incentive.commission("10"), "commission");
    Fixture f =
        new Fixture(
            b ->
                b.policy(commission)
                    .limits(ReferralLimits.builder().programBudget(eur(1000)).build()));
    Lead lead = f.refer(f.partner("Shop"));

    Reward reward =
        f.program
            .convert(
                lead.id(),
                Purchase.of("O-1", Money.of(BigDecimal.valueOf(500), currency), f.clock.instant()))
            .rewards()
            .get(0);

    assertEquals(currency, reward.value().orElseThrow().currency());
    assertEquals(!currency.getCurrencyCode().equals("EUR"), reward.deniedBy().isPresent());
  }
}
