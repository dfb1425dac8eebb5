package dev.referral.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referral.core.Incentive;
import dev.referral.core.Money;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class EventJsonProperties {
  private final ObjectMapper mapper = ReferralJacksonModule.objectMapper();

  @Provide
  Arbitrary<ReferralEvent> events() {
    return EventArbitraries.events();
  }

  @Property
  void everyEventRoundTripsThroughUtf8Bytes(@ForAll("events") ReferralEvent event)
      throws Exception {
    byte[] json = mapper.writeValueAsBytes(event);

    assertEquals(event, mapper.readValue(json, ReferralEvent.class));
    assertEquals(event, mapper.readValue(json, event.getClass()));

    Statistics.label("type").collect(event.type());
    Statistics.label("type")
        .coverage(
            coverage -> {
              for (EventType type : EventType.values()) {
                coverage.check(type).count(n -> n >= 10);
              }
            });
  }

  @Property(tries = 300)
  void everyEventStartsWithItsTypeAndReadsBackInAnyFieldOrder(
      @ForAll("events") ReferralEvent event, @ForAll java.util.Random random) throws Exception {
    ObjectNode written = mapper.valueToTree(event);
    List<String> names = new ArrayList<>();
    written.fieldNames().forEachRemaining(names::add);
    java.util.Collections.shuffle(names, random);
    ObjectNode shuffled = mapper.createObjectNode();
    names.forEach(n -> shuffled.set(n, written.get(n)));

    assertEquals("type", written.fieldNames().next());
    assertEquals(event.type().name(), written.get("type").textValue());
    assertEquals(event, mapper.treeToValue(shuffled, ReferralEvent.class));
  }

  /** The documented shape: the type, then one field per record component that has a value. */
  @Property(tries = 300)
  void everyEventHasItsTypeThenOneFieldPerPresentComponentInOrder(
      @ForAll("events") ReferralEvent event) throws Exception {
    List<String> expected = new ArrayList<>(List.of("type"));
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      Object value = component.getAccessor().invoke(event);
      if (!(value instanceof Optional<?> optional && optional.isEmpty())) {
        expected.add(component.getName());
      }
    }
    List<String> names = new ArrayList<>();
    mapper.valueToTree(event).fieldNames().forEachRemaining(names::add);

    assertEquals(expected, names);
  }

  @Property
  void moneyOfAnySignAndCurrencyRoundTripsExactly(@ForAll("anyMoney") Money money)
      throws Exception {
    JsonNode json = mapper.valueToTree(money);

    assertEquals(money.amount().toPlainString(), json.get("amount").textValue());
    assertEquals(money, mapper.treeToValue(json, Money.class));
  }

  @Provide
  Arbitrary<Money> anyMoney() {
    return EventArbitraries.anyMoney();
  }

  @Property
  void everyIncentiveRoundTrips(@ForAll("incentives") Incentive incentive) throws Exception {
    assertEquals(
        incentive, mapper.readValue(mapper.writeValueAsString(incentive), Incentive.class));
  }

  @Provide
  Arbitrary<Incentive> incentives() {
    return EventArbitraries.incentives();
  }

  /** Damaged input reads as an event or fails with a Jackson exception, never with another. */
  @Property(tries = 500)
  void damagedEventsFailOnlyWithJacksonExceptions(
      @ForAll("events") ReferralEvent event,
      @ForAll("damage") JsonNode replacement,
      @ForAll java.util.Random random) {
    ObjectNode json = mapper.valueToTree(event);
    damage(json, replacement, random);

    String outcome;
    try {
      mapper.treeToValue(json, ReferralEvent.class);
      outcome = "read";
    } catch (JsonProcessingException expected) {
      outcome = "rejected"; // a Jackson exception with a message is the contract
    }

    Statistics.collect(outcome);
    Statistics.coverage(
        coverage -> {
          coverage.check("rejected").percentage(p -> p > 50);
          coverage.check("read").count(n -> n > 0);
        });
  }

  private static void damage(ObjectNode json, JsonNode replacement, java.util.Random random) {
    ObjectNode target = json;
    while (true) {
      List<String> names = new ArrayList<>();
      target.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      JsonNode child = target.get(name);
      if (child instanceof ObjectNode nested && nested.size() > 0 && random.nextBoolean()) {
        target = nested;
        continue;
      }
      if (replacement.isMissingNode()) {
        target.remove(name);
      } else {
        target.set(name, replacement);
      }
      return;
    }
  }

  @Provide
  Arbitrary<JsonNode> damage() {
    ObjectMapper plain = new ObjectMapper();
    return Arbitraries.of(
            "null",
            "0",
            "-1",
            "1.5",
            "true",
            "\"\"",
            "\"X\"",
            "[]",
            "{}",
            "[\"A\"]",
            "\"-1\"",
            "\"1e400\"",
            "{\"amount\":\"1\"}",
            "{\"type\":\"credit\"}",
            "99999999999999999999",
            "\"2025-13-01T00:00:00Z\"",
            "\"REFERRED\"",
            "missing")
        .map(
            text -> {
              try {
                return text.equals("missing")
                    ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : plain.readTree(text);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
              }
            });
  }
}
