package dev.referral.rules;

import static dev.referral.rules.Fixtures.converted;
import static dev.referral.rules.Fixtures.fires;
import static dev.referral.rules.Rules.event;
import static dev.referral.rules.Rules.lead;
import static dev.referral.rules.Rules.order;
import static dev.referral.rules.Rules.referrer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStats;
import dev.referral.core.event.EventType;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every operator, on the fact types it applies to. */
class OperatorTest {

  private static final PolicyContext THREE_CONVERSIONS =
      Fixtures.context(Fixtures.ANNA, Fixtures.LEAD, ReferrerStats.ofConversions(1, 2, 3));

  private static boolean lifetime(Condition condition) {
    return fires(condition, converted(100), THREE_CONVERSIONS);
  }

  private static Money eur(long amount) {
    return Money.of(amount, "EUR");
  }

  @Nested
  class Equal {
    @Test
    void givenThreeConversions_whenEqualToThree_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isEqualTo(3)));
    }

    @Test
    void givenThreeConversions_whenEqualToTwo_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isEqualTo(2)));
    }

    @Test
    void givenAnOrderOf100Eur_whenAmountEquals100Point00Eur_thenFires() {
      assertTrue(fires(order().amount().isEqualTo(Money.of("100.00", "EUR")), converted(100)));
    }

    @Test
    void givenACustomer_whenKindEqualsPartner_thenDoesNotFire() {
      assertFalse(fires(referrer().kind().isEqualTo(ReferrerKind.PARTNER), converted(100)));
    }
  }

  @Nested
  class NotEqual {
    @Test
    void givenThreeConversions_whenNotEqualToTwo_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isNotEqualTo(2)));
    }

    @Test
    void givenThreeConversions_whenNotEqualToThree_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isNotEqualTo(3)));
    }

    @Test
    void givenALinkLead_whenSourceNotEqualNewsletter_thenFires() {
      assertTrue(fires(lead().source().isNotEqualTo("newsletter"), converted(100)));
    }
  }

  @Nested
  class Less {
    @Test
    void givenThreeConversions_whenLessThanFour_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isLessThan(4)));
    }

    @Test
    void givenThreeConversions_whenLessThanThree_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isLessThan(3)));
    }

    @Test
    void givenAnOrderOf100Eur_whenAmountLessThan100Eur_thenDoesNotFire() {
      assertFalse(fires(order().amount().isLessThan(eur(100)), converted(100)));
    }
  }

  @Nested
  class LessOrEqual {
    @Test
    void givenThreeConversions_whenAtMostThree_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isAtMost(3)));
    }

    @Test
    void givenThreeConversions_whenAtMostTwo_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isAtMost(2)));
    }

    @Test
    void givenALeadReferredAtTheEvent_whenAgeAtMostOneDay_thenFires() {
      assertTrue(fires(lead().age().isAtMost(Duration.ofDays(1)), converted(100)));
    }
  }

  @Nested
  class Greater {
    @Test
    void givenAnOrderOf250Eur_whenAmountGreaterThan200Eur_thenFires() {
      assertTrue(fires(order().amount().isGreaterThan(eur(200)), converted(250)));
    }

    @Test
    void givenAnOrderOf200Eur_whenAmountGreaterThan200Eur_thenDoesNotFire() {
      assertFalse(fires(order().amount().isGreaterThan(eur(200)), converted(200)));
    }

    @Test
    void givenThreeConversions_whenGreaterThanTwo_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isGreaterThan(2)));
    }
  }

  @Nested
  class GreaterOrEqual {
    @Test
    void givenAnOrderOf200Eur_whenAmountAtLeast200Eur_thenFires() {
      assertTrue(fires(order().amount().isAtLeast(eur(200)), converted(200)));
    }

    @Test
    void givenAnOrderOf199Eur_whenAmountAtLeast200Eur_thenDoesNotFire() {
      assertFalse(fires(order().amount().isAtLeast(eur(200)), converted(199)));
    }

    @Test
    void givenAnEventOnTheCampaignStart_whenTimeAtLeastTheStart_thenFires() {
      assertTrue(fires(event().time().isAtLeast(converted(1).at()), converted(1)));
    }
  }

  @Nested
  class In {
    @Test
    void givenThreeConversions_whenInOneThreeFive_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isIn(1, 3, 5)));
    }

    @Test
    void givenThreeConversions_whenInTwoFour_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isIn(2, 4)));
    }

    @Test
    void givenACustomer_whenKindInCustomerOrContact_thenFires() {
      assertTrue(
          fires(referrer().kind().isIn(ReferrerKind.CUSTOMER, ReferrerKind.CONTACT), converted(1)));
    }

    @Test
    void givenAnOrderOfBooks_whenCategoriesHoldAnyOfBooksOrMusic_thenFires() {
      var purchase = TestData.purchase("o-1", eur(10), "books", "toys");
      assertTrue(
          fires(
              order().categories().containsAnyOf("books", "music"),
              TestData.converted(Fixtures.LEAD, purchase)));
    }
  }

  @Nested
  class NotIn {
    @Test
    void givenThreeConversions_whenNotInTwoFour_thenFires() {
      assertTrue(lifetime(referrer().lifetimeConversions().isNotIn(2, 4)));
    }

    @Test
    void givenThreeConversions_whenNotInThree_thenDoesNotFire() {
      assertFalse(lifetime(referrer().lifetimeConversions().isNotIn(3)));
    }

    @Test
    void givenAnOrderOfToys_whenCategoriesHoldNoneOfBooks_thenFires() {
      var purchase = TestData.purchase("o-1", eur(10), "toys");
      assertTrue(
          fires(
              order().categories().containsNoneOf("books"),
              TestData.converted(Fixtures.LEAD, purchase)));
    }
  }

  @Nested
  class Between {
    @Test
    void givenAnOrderOf150Eur_whenBetween100And200Eur_thenFires() {
      assertTrue(fires(order().amount().isBetween(eur(100), eur(200)), converted(150)));
    }

    @Test
    void givenAnOrderOn100Eur_whenBetween100And200Eur_thenTheBoundsAreIncluded() {
      assertTrue(fires(order().amount().isBetween(eur(100), eur(200)), converted(100)));
      assertTrue(fires(order().amount().isBetween(eur(100), eur(200)), converted(200)));
    }

    @Test
    void givenAnOrderOf201Eur_whenBetween100And200Eur_thenDoesNotFire() {
      assertFalse(fires(order().amount().isBetween(eur(100), eur(200)), converted(201)));
    }

    @Test
    void givenAnEventInMarch_whenDateBetweenMarchFirstAndLast_thenFires() {
      assertTrue(
          fires(
              event().date().isBetween(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)),
              converted(1)));
    }

    @Test
    void givenAnEventBeforeTheCampaign_whenTimeBetweenStartAndEnd_thenDoesNotFire() {
      Instant start = Instant.parse("2025-04-01T00:00:00Z");
      assertFalse(
          fires(event().time().isBetween(start, start.plus(Duration.ofDays(30))), converted(1)));
    }
  }

  @Nested
  class Contains {
    @Test
    void givenAnOrderWithSkuA1_whenSkusContainA1_thenFires() {
      var purchase = TestData.purchase("o-1", eur(10)).withItems(Set.of("A1", "B2"), Set.of());
      assertTrue(fires(order().skus().contains("A1"), TestData.converted(Fixtures.LEAD, purchase)));
    }

    @Test
    void givenALinkLead_whenSourceContainsIn_thenFires() {
      assertTrue(fires(lead().source().contains("in"), converted(1)));
    }

    @Test
    void givenALinkLead_whenSourceContainsMail_thenDoesNotFire() {
      assertFalse(fires(lead().source().contains("mail"), converted(1)));
    }

    @Test
    void givenAnOrderWithoutCategories_whenCategoriesContainBooks_thenDoesNotFire() {
      assertFalse(fires(order().categories().contains("books"), converted(1)));
    }
  }

  @Nested
  class AbsentFacts {
    @Test
    void givenAReferralWithoutAnOrder_whenAnyAmountComparison_thenNothingFires() {
      var referred = TestData.referred(Fixtures.LEAD);
      for (Operator op : new Operator[] {Operator.EQUAL, Operator.NOT_EQUAL, Operator.LESS}) {
        Condition c = new Condition.Compare(Fact.ORDER_AMOUNT, op, List.of(eur(10)));
        assertFalse(
            Fixtures.engine(c, EventType.LEAD_REFERRED).decide(referred, Fixtures.context()).size()
                > 0,
            op.name());
      }
    }

    @Test
    void givenAnOrderInUsd_whenAmountComparedInEur_thenDoesNotFire() {
      var usd = TestData.converted(Fixtures.LEAD, Money.of(500, "USD"));
      assertFalse(fires(order().amount().isGreaterThan(eur(1)), usd));
      assertFalse(fires(order().amount().isNotEqualTo(eur(1)), usd));
    }
  }
}
