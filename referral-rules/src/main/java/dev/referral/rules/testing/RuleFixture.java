package dev.referral.rules.testing;

import dev.referral.core.Audience;
import dev.referral.core.Beneficiary;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.Offer;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.Checks;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.rules.Evaluation;
import dev.referral.rules.RuleEngine;
import dev.referral.rules.RuleSet;
import dev.referral.rules.internal.History;
import dev.referral.rules.internal.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Given / when / expect tests of rules, tied to no test framework: a failed expectation throws an
 * {@link AssertionError} whose message shows what was expected, what the rules decided, and the
 * trace of why each rule did or did not fire.
 *
 * <pre>{@code
 * Referrer anna = TestData.customer("anna");
 * Lead lead = TestData.leadOf(anna);
 * RuleFixture.of(rules)
 *     .given(anna, lead)
 *     .givenStats(ReferrerStats.ofConversions(1, 3, 3))
 *     .when(TestData.converted(lead, Money.of(120, "EUR")))
 *     .expectRewards(referrerGets(giftCard(Money.of(25, "EUR"))));
 * }</pre>
 *
 * <p>The context of the event is what was given: the referrer, the lead, and either the referrer's
 * counts as given or counts rebuilt from the given history plus the event itself (as the program
 * counts them: the event's own conversion included). Its time is the event's time unless set with
 * {@link #at}; its zone is UTC unless set with {@link #inZone}. A fixture is not thread-safe.
 */
public final class RuleFixture {
  private final RuleEngine engine;
  private ZoneId zone = ZoneId.of("UTC");
  private @Nullable Instant now;
  private @Nullable Referrer referrer;
  private @Nullable Lead lead;
  private @Nullable ReferrerStats stats;
  private @Nullable List<ReferralEvent> history;
  private @Nullable Offer offer;

  private RuleFixture(RuleEngine engine) {
    this.engine = engine;
  }

  /** A fixture for {@code ruleSet}. */
  public static RuleFixture of(RuleSet ruleSet) {
    return new RuleFixture(RuleEngine.of(Objects.requireNonNull(ruleSet, "ruleSet")));
  }

  /** A fixture for {@code engine}. */
  public static RuleFixture of(RuleEngine engine) {
    return new RuleFixture(Objects.requireNonNull(engine, "engine"));
  }

  /** Expects {@code incentive} granted to the referrer. */
  public static ExpectedReward referrerGets(Incentive incentive) {
    return expected(Beneficiary.REFERRER, incentive);
  }

  /** Expects {@code incentive} granted to the referred prospect. */
  public static ExpectedReward prospectGets(Incentive incentive) {
    return expected(Beneficiary.PROSPECT, incentive);
  }

  private static ExpectedReward expected(Beneficiary beneficiary, Incentive incentive) {
    Objects.requireNonNull(incentive, "incentive");
    return new ExpectedReward(
        beneficiary,
        incentive,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Expects a follow-up of {@code kind} to {@code to}. */
  public static ExpectedFollowUp followUp(FollowUpKind kind, Audience to) {
    return new ExpectedFollowUp(kind, to, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The event's referrer. */
  public RuleFixture given(Referrer referrer) {
    this.referrer = Objects.requireNonNull(referrer, "referrer");
    return this;
  }

  /** The event's lead. */
  public RuleFixture given(Lead lead) {
    this.lead = Objects.requireNonNull(lead, "lead");
    return this;
  }

  /** The event's referrer and lead. */
  public RuleFixture given(Referrer referrer, Lead lead) {
    return given(referrer).given(lead);
  }

  /** The referrer's counts, as the program would read them (the event's own included). */
  public RuleFixture givenStats(ReferrerStats stats) {
    Objects.requireNonNull(stats, "stats");
    Checks.state(history == null, "givenStats and givenHistory exclude each other");
    this.stats = stats;
    return this;
  }

  /** Earlier events, in order, from which the referrer's counts are rebuilt. */
  public RuleFixture givenHistory(ReferralEvent... events) {
    Objects.requireNonNull(events, "events");
    Checks.state(stats == null, "givenStats and givenHistory exclude each other");
    List<ReferralEvent> list = new ArrayList<>(history == null ? List.of() : history);
    for (ReferralEvent event : events) {
      list.add(Objects.requireNonNull(event, "events contains null"));
    }
    this.history = list;
    return this;
  }

  /** The program's offer. */
  public RuleFixture givenOffer(Offer offer) {
    this.offer = Objects.requireNonNull(offer, "offer");
    return this;
  }

  /** The time zone of months, years and days of the week; UTC by default. */
  public RuleFixture inZone(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /** The decision time; the event's time by default. */
  public RuleFixture at(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
    return this;
  }

  /** Evaluates the rules on {@code event}; check the result with the {@code expect} methods. */
  public Result when(ReferralEvent event) {
    Objects.requireNonNull(event, "event");
    Instant at = now != null ? now : event.at();
    ReferrerStats counts = stats != null ? stats : ReferrerStats.ZERO;
    if (history != null) {
      Checks.state(referrer != null, "givenHistory needs the referrer: call given(referrer)");
      History h = new History(zone);
      history.forEach(h::record);
      h.record(event);
      counts = h.stats(Objects.requireNonNull(referrer).id(), event.at());
    }
    ReferrerStats fixed = counts;
    PolicyContext context =
        new PolicyContext.SnapshotContext(
            at,
            zone,
            Optional.ofNullable(referrer),
            Optional.ofNullable(lead),
            () -> fixed,
            Optional.ofNullable(offer));
    return new Result(engine.explain(event, context), at);
  }

  /** What the rules decided on the event, with expectations that throw {@link AssertionError}. */
  public static final class Result {
    private final Evaluation evaluation;
    private final Instant now;

    private Result(Evaluation evaluation, Instant now) {
      this.evaluation = evaluation;
      this.now = now;
    }

    /** The explained evaluation. */
    public Evaluation evaluation() {
      return evaluation;
    }

    /** Every decision, in order. */
    public List<Decision> decisions() {
      return evaluation.decisions();
    }

    /** Expects exactly these rewards, in any order, and no others. */
    public Result expectRewards(ExpectedReward... rewards) {
      List<ExpectedReward> expected = List.of(Objects.requireNonNull(rewards, "rewards"));
      return expect(
          "rewards", lines(expected), expected, of(GrantReward.class), ExpectedReward::matches);
    }

    /** Expects no reward. */
    public Result expectNoRewards() {
      return expectRewards();
    }

    /** Expects exactly these follow-ups, in any order, and no others. */
    public Result expectFollowUps(ExpectedFollowUp... followUps) {
      List<ExpectedFollowUp> expected = List.of(Objects.requireNonNull(followUps, "followUps"));
      return expect(
          "follow-ups",
          lines(expected),
          expected,
          of(ScheduleFollowUp.class),
          (e, f) -> e.matches(f, now));
    }

    /** Expects no follow-up. */
    public Result expectNoFollowUps() {
      return expectFollowUps();
    }

    /** Expects exactly these decisions, in any order. */
    public Result expectDecisions(Decision... decisions) {
      List<Decision> expected = List.of(Objects.requireNonNull(decisions, "decisions"));
      return expect(
          "decisions", describe(expected), expected, evaluation.decisions(), Object::equals);
    }

    private <E, D extends Decision> Result expect(
        String what,
        String expectedText,
        List<E> expected,
        List<D> actual,
        BiPredicate<E, D> matches) {
      if (!matchesAll(expected, actual, matches)) {
        throw failure(what, expectedText, describe(actual));
      }
      return this;
    }

    /** Expects no decision at all: no reward, no follow-up, no cancellation. */
    public Result expectNothing() {
      return expectDecisions();
    }

    /** Expects exactly these rules to fire, in this order. */
    public Result expectFired(String... rules) {
      List<String> expected = List.of(Objects.requireNonNull(rules, "rules"));
      if (!evaluation.fired().equals(expected)) {
        throw failure("rules to fire", lines(expected), lines(evaluation.fired()));
      }
      return this;
    }

    /** Expects the rules named {@code rules} to throw, and no others. */
    public Result expectFailureOf(String... rules) {
      String expected = String.join(", ", Arrays.asList(Objects.requireNonNull(rules, "rules")));
      String actual = evaluation.failure().map(f -> f.policyName()).orElse("");
      if (!expected.equals(actual)) {
        throw failure(
            "failing rules",
            expected.isEmpty() ? "none" : expected,
            actual.isEmpty() ? "none" : actual);
      }
      return this;
    }

    private <D extends Decision> List<D> of(Class<D> type) {
      List<D> found = new ArrayList<>();
      for (Decision d : evaluation.decisions()) {
        if (type.isInstance(d)) {
          found.add(type.cast(d));
        }
      }
      return found;
    }

    private AssertionError failure(String what, String expected, String actual) {
      return new AssertionError(
          "expected "
              + what
              + ":\n"
              + indent(expected)
              + "\nbut the rules gave:\n"
              + indent(actual)
              + "\nwhy:\n"
              + indent(evaluation.describe()));
    }

    private static String indent(String text) {
      return "  " + text.replace("\n", "\n  ");
    }

    private static String lines(List<?> items) {
      if (items.isEmpty()) {
        return "none";
      }
      List<String> lines = new ArrayList<>();
      for (Object item : items) {
        lines.add(String.valueOf(item));
      }
      return String.join("\n", lines);
    }

    private static String describe(List<? extends Decision> decisions) {
      if (decisions.isEmpty()) {
        return "none";
      }
      List<String> lines = new ArrayList<>();
      for (Decision d : decisions) {
        lines.add(Texts.describe(d));
      }
      return String.join("\n", lines);
    }

    /** Whether each expectation matches its own decision and no decision is left over. */
    private static <E, D> boolean matchesAll(
        List<E> expected, List<D> actual, BiPredicate<E, D> matches) {
      return expected.size() == actual.size()
          && assign(expected, 0, actual, new boolean[actual.size()], matches);
    }

    private static <E, D> boolean assign(
        List<E> expected, int next, List<D> actual, boolean[] used, BiPredicate<E, D> matches) {
      if (next == expected.size()) {
        return true;
      }
      for (int i = 0; i < actual.size(); i++) {
        if (!used[i] && matches.test(expected.get(next), actual.get(i))) {
          used[i] = true;
          if (assign(expected, next + 1, actual, used, matches)) {
            return true;
          }
          used[i] = false;
        }
      }
      return false;
    }
  }
}
