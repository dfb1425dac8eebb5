package dev.referral.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.testing.EqualsTester;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.LeadId;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.RefundId;
import dev.referral.core.RewardId;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The typed ids and referral codes, whose {@code equals} and {@code hashCode} are written out
 * rather than generated: equal exactly when of the same type with the same text, with the text's
 * hash code (what a record's generated methods give for one text component).
 */
class IdEqualityTest {

  private static final List<Function<String, Object>> TYPES =
      List.of(
          EventId::of,
          FollowUpId::of,
          LeadId::of,
          OrderId::of,
          ReferrerId::of,
          RefundId::of,
          RewardId::of,
          ReferralCode::new);

  @Test
  void givenIdsOfEveryType_whenCompared_thenEqualOnlyWithinATypeAndText() {
    EqualsTester tester = new EqualsTester();
    for (Function<String, Object> type : TYPES) {
      tester.addEqualityGroup(type.apply("ABC123"), type.apply(new String("ABC123")));
      tester.addEqualityGroup(type.apply("ABC124"));
    }
    tester.testEquals();
  }

  @Property(tries = 200)
  void givenAnyText_whenMadeIntoIds_thenEachHashesLikeItsText(
      @ForAll @CharRange(from = 'A', to = 'Z') @NumericChars @StringLength(min = 4, max = 20)
          String text) {
    for (Function<String, Object> type : TYPES) {
      Object id = type.apply(text);
      assertEquals(text.hashCode(), id.hashCode(), id.getClass().getSimpleName());
      assertEquals(id, type.apply(new String(text)));
    }
  }
}
