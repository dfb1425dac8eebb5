package dev.referral.examples.bench;

import static dev.referral.rules.Rules.lead;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.ReferrerKind;
import dev.referral.core.event.EventType;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.rules.Condition;
import dev.referral.rules.Rule;
import dev.referral.rules.Rules;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of a benchmark rule set as plain data, from which both engines get their rule: ours
 * through the DSL, Easy Rules through a hand-written Java predicate and action, as an Easy Rules
 * user would write them. {@code RuleEnginesAgreeTest} and the benchmark's setup check that both
 * decide the same on the whole event stream.
 *
 * @param name the rule's name, zero-padded so that Easy Rules' name order is declaration order
 * @param priority higher runs first (Easy Rules: lower runs first, so it gets the negation)
 * @param type the one event type the rule applies to
 * @param test what the condition tests
 * @param action what the rule does
 */
record RuleSpec(String name, int priority, EventType type, Test test, Act action) {

  /** A condition: its DSL form and the same predicate in plain Java. */
  sealed interface Test {
    Condition dsl();

    boolean holds(ReferralEvent event, PolicyContext context);
  }

  /** The order amount is at least {@code min} (same currency). */
  record AmountAtLeast(Money min) implements Test {
    @Override
    public Condition dsl() {
      return order().amount().isAtLeast(min);
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      Purchase p = purchase(event);
      return p != null
          && p.amount().currency().equals(min.currency())
          && p.amount().amount().compareTo(min.amount()) >= 0;
    }
  }

  /** The referrer is a partner and the order amount is above {@code min}. */
  record PartnerAbove(Money min) implements Test {
    @Override
    public Condition dsl() {
      return referrer()
          .kind()
          .isEqualTo(ReferrerKind.PARTNER)
          .and(order().amount().isGreaterThan(min));
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      Purchase p = purchase(event);
      return context.referrer().map(r -> r.kind() == ReferrerKind.PARTNER).orElse(false)
          && p != null
          && p.amount().currency().equals(min.currency())
          && p.amount().amount().compareTo(min.amount()) > 0;
    }
  }

  /** The referrer's lifetime conversions equal {@code n} (reads the stats). */
  record NthConversion(long n) implements Test {
    @Override
    public Condition dsl() {
      return referrer().lifetimeConversions().isEqualTo(n);
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      return context.stats().conversionsLifetime() == n;
    }
  }

  /** The lead's source is {@code source}. */
  record SourceIs(String source) implements Test {
    @Override
    public Condition dsl() {
      return lead().source().isEqualTo(source);
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      return context.lead().map(l -> l.source().equals(source)).orElse(false);
    }
  }

  /** The order has one of {@code categories}. */
  record CategoryIn(Set<String> categories) implements Test {
    @Override
    public Condition dsl() {
      return order()
          .categories()
          .containsAnyOf(categories.stream().sorted().toArray(String[]::new));
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      Purchase p = purchase(event);
      if (p == null) {
        return false;
      }
      for (String category : categories) {
        if (p.categories().contains(category)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The lead's status (after the event) is {@code status}. */
  record StatusIs(LeadStatus status) implements Test {
    @Override
    public Condition dsl() {
      return lead().status().isEqualTo(status);
    }

    @Override
    public boolean holds(ReferralEvent event, PolicyContext context) {
      Optional<Lead> l = context.lead();
      return l.isPresent() && l.get().status() == status;
    }
  }

  /** An action: its DSL form and the same decision made in plain Java. */
  sealed interface Act {
    Rules.RuleBuilder addTo(Rules.RuleBuilder rule);

    Decision decide(String reason, PolicyContext context);
  }

  /** Grant {@code incentive} to the referrer: a decision fixed when the rule is built. */
  record Grant(Incentive incentive) implements Act {
    @Override
    public Rules.RuleBuilder addTo(Rules.RuleBuilder rule) {
      return rule.grantReferrer(incentive);
    }

    @Override
    public Decision decide(String reason, PolicyContext context) {
      return GrantReward.toReferrer(incentive, reason);
    }
  }

  /** Schedule a follow-up: due relative to the decision time, so made per event. */
  record FollowUp(FollowUpKind kind, Audience to, Duration after) implements Act {
    @Override
    public Rules.RuleBuilder addTo(Rules.RuleBuilder rule) {
      return rule.followUp(kind, to, after);
    }

    @Override
    public Decision decide(String reason, PolicyContext context) {
      return new ScheduleFollowUp(
          kind, to, context.now().plus(after), Channel.EMAIL, reason, Map.of());
    }
  }

  /** Cancel the lead's pending follow-ups of every kind. */
  record CancelLead() implements Act {
    @Override
    public Rules.RuleBuilder addTo(Rules.RuleBuilder rule) {
      return rule.cancelLeadFollowUps();
    }

    @Override
    public Decision decide(String reason, PolicyContext context) {
      return new CancelFollowUps(CancelFollowUps.Scope.LEAD, Set.of(), reason);
    }
  }

  /** Our engine's rule. */
  Rule toRule() {
    return action.addTo(Rules.rule(name).priority(priority).on(type).when(test.dsl())).build();
  }

  /** The order of a conversion or repeat purchase, or null. */
  private static Purchase purchase(ReferralEvent event) {
    if (event instanceof LeadConverted c) {
      return c.purchase();
    }
    if (event instanceof RepeatPurchase r) {
      return r.purchase();
    }
    return null;
  }
}
