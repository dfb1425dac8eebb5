package dev.referral.core.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.referral.core.Incentive;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralCode;
import dev.referral.core.spi.CodeGenerator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

  @Nested
  class ReferralCodes {
    @Test
    void shouldGenerateDistinctCodesOfAtLeastFortyBitsFromTheUnambiguousAlphabet() {
      CodeGenerator generator = CodeGenerator.secureRandom();
      Set<ReferralCode> codes = new HashSet<>();
      for (int i = 0; i < 10_000; i++) {
        ReferralCode code = generator.generate();
        assertTrue(
            code.value().chars().allMatch(c -> ReferralCode.ALPHABET.indexOf(c) >= 0),
            code.value());
        codes.add(code);
      }
      assertEquals(10_000, codes.size());
      double bits =
          CodeGenerator.DEFAULT_LENGTH * Math.log(ReferralCode.ALPHABET.length()) / Math.log(2);
      assertTrue(bits >= 40, "bits: " + bits);
      for (char ambiguous : "0O1IL".toCharArray()) {
        assertEquals(-1, ReferralCode.ALPHABET.indexOf(ambiguous));
      }
    }

    @Test
    void shouldRefuseGeneratorsBelowFortyBits() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CodeGenerator.secureRandom(8));
      assertTrue(
          e.getMessage().startsWith("length must be between 9 (40 bits of entropy)"),
          e.getMessage());
      assertEquals(9, CodeGenerator.secureRandom(9).generate().value().length());
    }

    @Test
    void shouldParseWhatPeopleTypeIgnoringCaseSpacesAndHyphens() {
      assertEquals(new ReferralCode("ABCD23"), ReferralCode.parse(" ab-cd 23 "));
      assertEquals(ReferralCode.parse("JANE10"), ReferralCode.parse("jane-10"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"", "ab", "abc", "a!bcd", "ÄBCDE", "0123456789012345678901234567890123"})
    void shouldRejectInvalidCodesNamingTheArgument(String text) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ReferralCode.parse(text));
      assertTrue(e.getMessage().startsWith("code must"), e.getMessage());
      assertFalse(ReferralCode.isValid(text));
    }
  }

  @Nested
  class Prospects {
    @Test
    void shouldNormaliseEmailsAndPhones() {
      Prospect p =
          Prospect.builder(" Jane ")
              .email("  Jane.Doe@Example.COM ")
              .phone("+44 (20) 7946-0958")
              .build();

      assertEquals("Jane", p.name());
      assertEquals(Optional.of("jane.doe@example.com"), p.email());
      assertEquals(Optional.of("+442079460958"), p.phone());
      assertEquals(
          Optional.of("+442079460958"), Prospect.withPhone("J", "0044 20 7946 0958").phone());
      assertEquals(Optional.of("+5550100"), Prospect.withPhone("J", "555-0100").phone());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "jane",
          "jane@",
          "@example.com",
          "jane@@example.com",
          "jane@example",
          "ja ne@example.com",
          "jane@exa_mple.com",
          ".jane@example.com",
          "jane..doe@example.com",
          "jane@-example.com"
        })
    void shouldRejectMalformedEmailsNamingTheArgument(String email) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Prospect.withEmail("Jane", email));
      assertTrue(e.getMessage().startsWith("email is not a valid email address"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+1 555 abc", "1234567890123456", "++15550100"})
    void shouldRejectMalformedPhonesNamingTheArgument(String phone) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Prospect.withPhone("Jane", phone));
      assertTrue(e.getMessage().startsWith("phone is not a valid phone number"), e.getMessage());
    }

    @Test
    void shouldNeedAnEmailOrAPhoneAndANonBlankName() {
      assertEquals(
          "prospect needs an email or a phone",
          assertThrows(IllegalArgumentException.class, () -> Prospect.builder("Jane").build())
              .getMessage());
      assertEquals(
          "name must not be blank",
          assertThrows(
                  IllegalArgumentException.class, () -> Prospect.withEmail(" ", "j@example.com"))
              .getMessage());
    }
  }

  @Nested
  class Amounts {
    @Test
    void shouldCarryTheCurrencysDecimals() {
      assertEquals(Money.of("10.00", "EUR"), Money.of(10, "EUR"));
      assertEquals("10.50 EUR", Money.of("10.5", "eur").toString());
      assertEquals("1000 JPY", Money.of(1000, "JPY").toString());
      // 10% of 123.45 is 12.345, rounded half-even
      assertEquals(
          Money.of("12.34", "EUR"), Money.of("123.45", "EUR").percent(java.math.BigDecimal.TEN));
    }

    @Test
    void shouldRejectTooManyDecimalsAndUnknownCurrencies() {
      assertEquals(
          "amount 1.234 has more decimals than EUR allows (2)",
          assertThrows(IllegalArgumentException.class, () -> Money.of("1.234", "EUR"))
              .getMessage());
      assertEquals(
          "currency is not an ISO 4217 code: 'XYZW'",
          assertThrows(IllegalArgumentException.class, () -> Money.of("1", "XYZW")).getMessage());
      assertEquals(
          "amount is not a number: 'ten'",
          assertThrows(IllegalArgumentException.class, () -> Money.of("ten", "EUR")).getMessage());
    }
  }

  @Nested
  class Incentives {
    @Test
    void shouldValueIncentivesAtGrantTime() {
      Optional<Money> order = Optional.of(Money.of(250, "EUR"));
      assertEquals(Optional.of(Money.of(25, "EUR")), Incentive.commission("10").value(order));
      assertEquals(
          Optional.of(Money.of(5, "EUR")), Incentive.credit(Money.of(5, "EUR")).value(order));
      assertEquals(Optional.empty(), Incentive.percentDiscount("10").value(order));
      assertEquals(Optional.empty(), Incentive.points(100).value(order));
      assertEquals(Optional.empty(), Incentive.gift("two movie tickets").value(order));
      assertEquals(
          Optional.of(Money.of(6, "EUR")),
          new Incentive.FreeItem("MUG", 2, Optional.of(Money.of(3, "EUR"))).value(order));
      assertEquals("two movie tickets", Incentive.gift("two movie tickets").describe());
    }

    @Test
    void shouldRejectBadIncentives() {
      assertEquals(
          "percent must be above 0 and at most 100 but was 0",
          assertThrows(IllegalArgumentException.class, () -> Incentive.percentDiscount("0"))
              .getMessage());
      assertEquals(
          "percent must be above 0 and at most 100 but was 101",
          assertThrows(IllegalArgumentException.class, () -> Incentive.commission("101"))
              .getMessage());
      assertEquals(
          "amount must be positive but was 0.00 EUR",
          assertThrows(IllegalArgumentException.class, () -> Incentive.giftCard(Money.of(0, "EUR")))
              .getMessage());
      assertEquals(
          "quantity must be positive but was 0",
          assertThrows(IllegalArgumentException.class, () -> Incentive.freeItem("MUG", 0))
              .getMessage());
      assertEquals(
          "a partner commission needs an order amount: grant it on a purchase",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> Incentive.commission("5").value(Optional.empty()))
              .getMessage());
    }
  }
}
