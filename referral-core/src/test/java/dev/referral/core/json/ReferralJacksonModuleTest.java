package dev.referral.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralCode;
import dev.referral.core.event.EventType;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardDenied;
import dev.referral.core.event.RewardGranted;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferralJacksonModuleTest {
  private final ObjectMapper mapper =
      new ObjectMapper().registerModule(new ReferralJacksonModule());

  /** The documented wire format; a change here is a breaking change for stored events. */
  @Nested
  class GoldenFormat {
    @Test
    void givenARewardGranted_whenWritten_thenItIsExactlyTheDocumentedJson() throws Exception {
      String json = mapper.writeValueAsString(SampleEvents.of(EventType.REWARD_GRANTED));

      assertEquals(
          "{\"type\":\"REWARD_GRANTED\",\"id\":\"E-1\",\"at\":\"2025-03-01T10:15:30Z\","
              + "\"rewardId\":\"W-3\",\"causedBy\":\"E-0\",\"referrerId\":\"R-7\","
              + "\"leadId\":\"L-42\",\"beneficiary\":\"REFERRER\","
              + "\"incentive\":{\"type\":\"credit\","
              + "\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}},"
              + "\"value\":{\"amount\":\"12.50\",\"currency\":\"EUR\"},"
              + "\"reason\":\"double-sided\",\"status\":\"ISSUED\"}",
          json);
    }

    @Test
    void givenALeadConverted_whenWritten_thenThePurchaseIsNestedWithSortedSets() throws Exception {
      String json = mapper.writeValueAsString(SampleEvents.of(EventType.LEAD_CONVERTED));

      assertEquals(
          "{\"type\":\"LEAD_CONVERTED\",\"id\":\"E-1\",\"at\":\"2025-03-01T10:15:30Z\","
              + "\"leadId\":\"L-42\",\"referrerId\":\"R-7\",\"from\":\"QUALIFIED\","
              + "\"purchase\":{\"orderId\":\"O-1001\","
              + "\"amount\":{\"amount\":\"120.00\",\"currency\":\"EUR\"},"
              + "\"at\":\"2025-03-01T10:15:25Z\",\"skus\":[\"SKU-1\",\"SKU-2\"],"
              + "\"categories\":[\"shoes\"]}}",
          json);
    }

    @Test
    void givenTheReadmeExample_whenCompared_thenItIsWhatTheModuleWrites() throws Exception {
      String readme =
          Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
      Matcher example =
          Pattern.compile("```json\\n(\\{\"type\":\"REWARD_GRANTED\".*?)```", Pattern.DOTALL)
              .matcher(readme);

      assertTrue(example.find(), "the README shows a REWARD_GRANTED event");
      assertEquals(
          mapper.writeValueAsString(SampleEvents.of(EventType.REWARD_GRANTED)),
          new ObjectMapper().readTree(example.group(1)).toString());
    }

    @Test
    void givenAnEmptyOptional_whenWritten_thenTheFieldIsLeftOut() throws Exception {
      RewardDenied denied = (RewardDenied) SampleEvents.of(EventType.REWARD_DENIED);

      JsonNode json = mapper.valueToTree(denied);

      assertTrue(denied.value().isEmpty());
      assertFalse(json.has("value"), json.toString());
      assertEquals(
          "{\"type\":\"percentDiscount\",\"percent\":\"10\"}", json.get("incentive").toString());
    }

    @Test
    void givenTheSameEvent_whenTheMapperIsConfiguredDifferently_thenTheJsonIsTheSame()
        throws Exception {
      ObjectMapper configured =
          ReferralJacksonModule.objectMapper()
              .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
              .enable(SerializationFeature.WRITE_ENUMS_USING_INDEX)
              .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

      for (EventType type : EventType.values()) {
        ReferralEvent event = SampleEvents.of(type);
        assertEquals(mapper.writeValueAsString(event), configured.writeValueAsString(event));
      }
    }

    @Test
    void givenAnotherModuleForInstantsAndDecimals_whenEventsAreWritten_thenItIsNotUsed()
        throws Exception {
      // what a JavaTimeModule with WRITE_DATES_AS_TIMESTAMPS would do to instants
      SimpleModule numbers =
          new SimpleModule("numbers")
              .addSerializer(Instant.class, new FortyTwo(Instant.class))
              .addSerializer(BigDecimal.class, new FortyTwo(BigDecimal.class));
      ObjectMapper both = ReferralJacksonModule.objectMapper().registerModule(numbers);

      assertEquals("42", both.writeValueAsString(SampleEvents.AT));
      for (EventType type : EventType.values()) {
        ReferralEvent event = SampleEvents.of(type);
        assertEquals(mapper.writeValueAsString(event), both.writeValueAsString(event));
      }
    }
  }

  @Nested
  class RoundTrips {
    @ParameterizedTest
    @EnumSource(EventType.class)
    void givenASampleOfEachType_whenWrittenAndRead_thenItIsEqual(EventType type) throws Exception {
      ReferralEvent event = SampleEvents.of(type);

      String json = mapper.writeValueAsString(event);

      assertEquals(type, event.type());
      assertEquals(type.name(), mapper.readTree(json).get("type").textValue());
      assertEquals(event, mapper.readValue(json, ReferralEvent.class));
      assertEquals(event, mapper.readValue(json, type.eventClass()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void givenTheFieldsInReverseOrder_whenRead_thenTheEventIsTheSame(EventType type)
        throws Exception {
      // a PostgreSQL jsonb column gives the fields back in its own order
      ReferralEvent event = SampleEvents.of(type);
      ObjectNode written = mapper.valueToTree(event);
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(written.properties());
      Collections.reverse(fields);
      ObjectNode reversed = mapper.createObjectNode();
      fields.forEach(f -> reversed.set(f.getKey(), f.getValue()));

      assertEquals(event, mapper.treeToValue(reversed, ReferralEvent.class));
    }

    @Test
    void givenNullForAnOptionalField_whenRead_thenItIsEmpty() throws Exception {
      ObjectNode json = mapper.valueToTree(SampleEvents.of(EventType.REWARD_GRANTED));
      json.putNull("leadId");

      RewardGranted read = (RewardGranted) mapper.treeToValue(json, ReferralEvent.class);

      assertEquals(Optional.empty(), read.leadId());
    }

    @Test
    void givenEventsInAListAndInAHostRecord_whenRoundTripped_thenTheyAreEqual() throws Exception {
      List<ReferralEvent> events = Arrays.stream(EventType.values()).map(SampleEvents::of).toList();
      Envelope envelope = new Envelope("shop-1", SampleEvents.of(EventType.LEAD_REFERRED));

      String list =
          mapper.writerFor(new TypeReference<List<ReferralEvent>>() {}).writeValueAsString(events);
      String wrapped = mapper.writeValueAsString(envelope);

      assertEquals(events, mapper.readValue(list, new TypeReference<List<ReferralEvent>>() {}));
      assertEquals(envelope, mapper.readValue(wrapped, Envelope.class));
    }

    @Test
    void givenAMapperWithDefaultTyping_whenEventsAndValuesAreRoundTripped_thenTheyAreEqual()
        throws Exception {
      // as a Redis or cache serializer configures Jackson: an "@class" property on non-final types
      ObjectMapper typed =
          ReferralJacksonModule.objectMapper()
              .activateDefaultTyping(
                  BasicPolymorphicTypeValidator.builder().allowIfSubType("dev.referral.").build(),
                  ObjectMapper.DefaultTyping.NON_FINAL,
                  JsonTypeInfo.As.PROPERTY);
      List<Object> values = new ArrayList<>();
      Arrays.stream(EventType.values()).map(SampleEvents::of).forEach(values::add);
      values.addAll(List.of(LeadId.of("L-42"), Money.of("1.00", "EUR"), Incentive.points(5)));

      for (Object value : values) {
        String json = typed.writerFor(Object.class).writeValueAsString(value);

        assertEquals(value, typed.readValue(json, Object.class), json);
      }
    }

    @Test
    void givenValueTypesOnTheirOwn_whenRoundTripped_thenTheyUseTheEventFormat() throws Exception {
      Money money = Money.of("-0.50", "EUR");
      Incentive incentive = Incentive.gift("a mug");
      Prospect prospect =
          Prospect.builder("Ben").email("ben@example.com").phone("+4912345678").build();

      assertEquals("{\"amount\":\"-0.50\",\"currency\":\"EUR\"}", mapper.writeValueAsString(money));
      assertEquals("\"L-42\"", mapper.writeValueAsString(LeadId.of("L-42")));
      assertEquals(money, mapper.readValue(mapper.writeValueAsString(money), Money.class));
      assertEquals(
          incentive, mapper.readValue(mapper.writeValueAsString(incentive), Incentive.class));
      assertEquals(prospect, mapper.readValue(mapper.writeValueAsString(prospect), Prospect.class));
      assertEquals(
          ReferralCode.parse("ANNA2025"), mapper.readValue("\"ANNA2025\"", ReferralCode.class));
    }
  }

  @Nested
  class BadInput {
    private ObjectNode sample(EventType type) {
      return mapper.valueToTree(SampleEvents.of(type));
    }

    private <E extends JsonMappingException> E readFails(Class<E> expected, JsonNode json) {
      return assertThrows(expected, () -> mapper.treeToValue(json, ReferralEvent.class));
    }

    @Test
    void givenAnUnknownType_whenRead_thenItFailsNamingTheTypeAndTheKnownOnes() {
      ObjectNode json = sample(EventType.LEAD_REFERRED).put("type", "LEAD_EXPLODED");

      InvalidTypeIdException e = readFails(InvalidTypeIdException.class, json);

      assertEquals("LEAD_EXPLODED", e.getTypeId());
      assertTrue(
          e.getMessage()
              .startsWith("unknown event type 'LEAD_EXPLODED'; expected one of [REFERRER_ENROLLED"),
          e.getMessage());
    }

    @Test
    void givenNoType_whenRead_thenItFailsNamingTheTypeField() {
      ObjectNode json = sample(EventType.LEAD_REFERRED);
      json.remove("type");

      MismatchedInputException e = readFails(MismatchedInputException.class, json);

      assertTrue(e.getMessage().startsWith("event: missing required field 'type'"), e.getMessage());
    }

    @Test
    void givenAMissingRequiredField_whenRead_thenItFailsNamingTheEventTypeAndTheField() {
      ObjectNode json = sample(EventType.LEAD_CONVERTED);
      json.remove("leadId");

      MismatchedInputException e = readFails(MismatchedInputException.class, json);

      assertTrue(
          e.getMessage().startsWith("LEAD_CONVERTED event: missing required field 'leadId'"),
          e.getMessage());
    }

    @Test
    void givenANullRequiredField_whenRead_thenItFailsLikeAMissingOne() {
      ObjectNode json = sample(EventType.CONSENT_CHANGED).putNull("consentToContact");

      MismatchedInputException e = readFails(MismatchedInputException.class, json);

      assertTrue(
          e.getMessage()
              .startsWith("CONSENT_CHANGED event: missing required field 'consentToContact'"),
          e.getMessage());
    }

    @Test
    void givenAMissingNestedField_whenRead_thenItFailsNamingThePath() {
      ObjectNode json = sample(EventType.LEAD_CONVERTED);
      ((ObjectNode) json.get("purchase").get("amount")).remove("currency");

      MismatchedInputException e = readFails(MismatchedInputException.class, json);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "LEAD_CONVERTED event: missing required field 'purchase.amount.currency'"),
          e.getMessage());
    }

    @Test
    void givenAMoneyAmountAsANumber_whenRead_thenItFailsAskingForADecimalString() {
      ObjectNode json = sample(EventType.REWARD_ADJUSTED);
      ((ObjectNode) json.get("to")).put("amount", 10.0);

      MismatchedInputException e = readFails(MismatchedInputException.class, json);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "REWARD_ADJUSTED event: field 'to.amount' must be a decimal string but was number"),
          e.getMessage());
    }

    @Test
    void givenAnInvalidValue_whenRead_thenItFailsNamingTheFieldAndTheReason() {
      ObjectNode badTime = sample(EventType.CODE_ISSUED).put("at", "yesterday");
      ObjectNode badEnum = sample(EventType.LEAD_MOVED).put("to", "WON");
      ObjectNode badCode = sample(EventType.CODE_ISSUED).put("code", "AB");

      String time = readFails(InvalidFormatException.class, badTime).getMessage();
      String status = readFails(InvalidFormatException.class, badEnum).getMessage();
      String code = readFails(InvalidFormatException.class, badCode).getMessage();

      assertTrue(
          time.startsWith("CODE_ISSUED event: field 'at': 'yesterday' is not an ISO-8601 instant"),
          time);
      assertTrue(
          status.startsWith("LEAD_MOVED event: field 'to': 'WON' is not one of [REFERRED,"),
          status);
      assertTrue(
          code.startsWith(
              "CODE_ISSUED event: field 'code': 'AB' is invalid: code must have 4 to 32"),
          code);
    }

    @Test
    void givenAValueTheRecordRejects_whenRead_thenItFailsWithTheRecordsMessage() {
      ObjectNode json = sample(EventType.ORDER_REFUNDED);
      ((ObjectNode) json.get("refund").get("amount")).put("amount", "-5.00");

      ValueInstantiationException e = readFails(ValueInstantiationException.class, json);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "ORDER_REFUNDED event: invalid Refund at 'refund': amount must be positive"),
          e.getMessage());
    }

    @Test
    void givenAnUnknownIncentiveType_whenRead_thenItFailsNamingTheKnownOnes() {
      ObjectNode json = sample(EventType.REWARD_GRANTED);
      ((ObjectNode) json.get("incentive")).put("type", "voucher");

      InvalidTypeIdException e = readFails(InvalidTypeIdException.class, json);

      assertTrue(
          e.getMessage()
              .startsWith(
                  "REWARD_GRANTED event: unknown incentive type 'voucher' at 'incentive.type';"
                      + " expected one of [commission, credit,"),
          e.getMessage());
    }

    @Test
    void givenAnIncentiveOfAnotherKindThanRequested_whenRead_thenItFails() {
      String giftCard =
          "{\"type\":\"giftCard\",\"amount\":{\"amount\":\"25.00\",\"currency\":\"EUR\"}}";

      InvalidTypeIdException e =
          assertThrows(
              InvalidTypeIdException.class,
              () -> mapper.readValue(giftCard, Incentive.FixedCredit.class));

      assertTrue(
          e.getMessage()
              .startsWith(
                  "FixedCredit: expected incentive type 'credit' but was 'giftCard' at 'type'"),
          e.getMessage());
    }

    @Test
    void givenAnUnknownField_whenRead_thenItFailsUnlessTheMapperAllowsUnknownFields()
        throws Exception {
      ObjectNode json = sample(EventType.LEAD_REFERRED).put("campaign", "spring");
      ObjectMapper lenient =
          ReferralJacksonModule.objectMapper()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

      UnrecognizedPropertyException e = readFails(UnrecognizedPropertyException.class, json);

      assertEquals("campaign", e.getPropertyName());
      assertTrue(
          e.getMessage().startsWith("LEAD_REFERRED event: unknown field 'campaign'; known: [id,"),
          e.getMessage());
      assertEquals(
          SampleEvents.of(EventType.LEAD_REFERRED), lenient.treeToValue(json, ReferralEvent.class));
    }

    @Test
    void givenAHugeWrongValue_whenRead_thenTheMessageQuotesOnlyItsStart() {
      String huge = "9".repeat(100_000);
      ObjectNode json = sample(EventType.CODE_ISSUED).put("at", huge);

      InvalidFormatException e = readFails(InvalidFormatException.class, json);

      assertEquals(huge, e.getValue());
      assertTrue(e.getMessage().contains("'" + "9".repeat(60) + "…' is not"), e.getMessage());
      assertTrue(e.getMessage().length() < 500, "message length " + e.getMessage().length());
    }

    @Test
    void givenAnotherTypeThanTheRequestedClass_whenRead_thenItFails() {
      String json = "{\"type\":\"CODE_ISSUED\"}";

      InvalidTypeIdException e =
          assertThrows(
              InvalidTypeIdException.class, () -> mapper.readValue(json, LeadReferred.class));

      assertTrue(
          e.getMessage().startsWith("expected event type LEAD_REFERRED but was CODE_ISSUED"),
          e.getMessage());
    }

    @Test
    void givenNotAnObject_whenRead_thenItFails() {
      MismatchedInputException e =
          assertThrows(
              MismatchedInputException.class,
              () -> mapper.readValue("[1, 2]", LeadConverted.class));

      assertTrue(
          e.getMessage().startsWith("LEAD_CONVERTED event: expected a JSON object but was array"),
          e.getMessage());
    }
  }

  /** Writes every value as the number 42, as a foreign module might. */
  static final class FortyTwo extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    FortyTwo(Class<?> type) {
      super(type, false);
    }

    @Override
    public void serialize(Object value, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeNumber(42);
    }
  }

  /** A host's webhook body that carries an event. */
  record Envelope(String shop, ReferralEvent event) {}
}
