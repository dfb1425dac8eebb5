package dev.referral.rules;

import static dev.referral.core.event.EventType.LEAD_CONVERTED;
import static dev.referral.rules.Rules.condition;
import static dev.referral.rules.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.referral.core.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetJsonTest {

  private static RuleDefinitionException error(String json) {
    return assertThrows(RuleDefinitionException.class, () -> RuleSetJson.read("bad.json", json));
  }

  private static String ruleWith(String when) {
    return "{\"name\":\"s\",\"rules\":[{\"name\":\"r\",\"on\":[\"LEAD_CONVERTED\"],\n\"when\":"
        + when
        + ",\"then\":[{\"type\":\"grant\",\"to\":\"REFERRER\","
        + "\"incentive\":{\"type\":\"points\",\"points\":1}}]}]}";
  }

  @Nested
  class Reading {
    @Test
    void givenTheSpringProgrammeFile_whenRead_thenItEqualsTheDslBuiltSet() {
      assertEquals(SpringProgramme.dsl(), SpringProgramme.json());
    }

    @Test
    void givenAFileOnDisk_whenRead_thenItLoads(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("spring.json");
      Files.writeString(file, SpringProgramme.text());
      assertEquals(SpringProgramme.dsl(), RuleSetJson.read(file));
    }

    @Test
    void givenASchemaKeyAndNoWhen_whenRead_thenTheRuleAlwaysApplies() {
      RuleSet set =
          RuleSetJson.read(
              "s.json",
              "{\"$schema\":\"rule-set.schema.json\",\"name\":\"s\",\"rules\":[{\"name\":\"r\","
                  + "\"on\":[\"LEAD_REFERRED\"],\"then\":[{\"type\":\"followUp\","
                  + "\"kind\":\"CONTACT_LEAD\",\"to\":\"PROSPECT\"}]}]}");
      assertEquals(Condition.always(), set.rules().get(0).when());
    }
  }

  @Nested
  class Writing {
    @Test
    void givenTheSpringProgramme_whenWrittenAndReadBack_thenItIsEqual() {
      RuleSet set = SpringProgramme.dsl();
      assertEquals(set, RuleSetJson.read("written.json", RuleSetJson.write(set)));
    }

    @Test
    void givenAFile_whenWrittenToDisk_thenItReadsBackEqual(@TempDir Path dir) {
      Path file = dir.resolve("out.json");
      RuleSetJson.write(SpringProgramme.dsl(), file);
      assertEquals(SpringProgramme.dsl(), RuleSetJson.read(file));
    }

    @Test
    void givenACustomLambdaCondition_whenWritten_thenItIsRejectedNamingRuleAndCondition() {
      RuleSet set =
          RuleSet.builder("s")
              .rule(
                  rule("vip")
                      .on(LEAD_CONVERTED)
                      .when(Rules.not(condition("is a VIP", (e, c) -> true)))
                      .grantReferrer(Fixtures.THANKS))
              .build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RuleSetJson.write(set));
      assertEquals(
          "ruleSet: rule 'vip' has the custom condition 'is a VIP', a Java lambda, which cannot"
              + " be written to a rule file",
          e.getMessage());
    }
  }

  @Nested
  class Errors {
    @Test
    void givenAnUnknownOperator_whenRead_thenTheErrorNamesFilePointerLineAndColumn() {
      RuleDefinitionException e =
          error(ruleWith("{\"fact\":\"referrer.lifetimeConversions\",\"op\":\"gte\",\"value\":3}"));
      assertEquals("bad.json", e.source());
      assertEquals("/rules/0/when/op", e.pointer());
      assertEquals(2, e.line());
      assertEquals(52, e.column());
      assertTrue(e.problem().startsWith("unknown operator 'gte'; expected one of equal, notEqual"));
      assertTrue(e.getMessage().startsWith("bad.json at /rules/0/when/op (line 2, column 52): "));
    }

    @Test
    void givenAnUnknownKey_whenRead_thenItIsRejectedWithTheKnownKeys() {
      RuleDefinitionException e = error("{\"name\":\"s\",\"rules\":[],\"stopOnFirstMach\":true}");
      assertEquals("/stopOnFirstMach", e.pointer());
      assertEquals(
          "unknown key 'stopOnFirstMach'; expected one of $schema, name, stopOnFirstMatch, groups,"
              + " rules",
          e.problem());
    }

    @Test
    void givenADuplicateKey_whenRead_thenItIsRejected() {
      RuleDefinitionException e = error("{\"name\":\"s\",\n  \"name\":\"t\",\"rules\":[]}");
      assertEquals("/name", e.pointer());
      assertEquals(2, e.line());
      assertEquals("duplicate key 'name'", e.problem());
    }

    @Test
    void givenADuplicateRuleName_whenRead_thenTheSecondNameIsPointedAt() {
      String rule =
          "{\"name\":\"r\",\"on\":[\"LEAD_CONVERTED\"],\"then\":[{\"type\":\"grant\","
              + "\"to\":\"REFERRER\",\"incentive\":{\"type\":\"points\",\"points\":1}}]}";
      RuleDefinitionException e = error("{\"name\":\"s\",\"rules\":[" + rule + "," + rule + "]}");
      assertEquals("/rules/1/name", e.pointer());
      assertEquals("duplicate rule name 'r'", e.problem());
    }

    @Test
    void givenATypeMismatch_whenRead_thenTheValueIsPointedAt() {
      RuleDefinitionException e =
          error(
              ruleWith(
                  "{\"fact\":\"referrer.lifetimeConversions\",\"op\":\"equal\",\"value\":\"3\"}"));
      assertEquals("/rules/0/when/value", e.pointer());
      assertEquals("expected a number but found a string", e.problem());
    }

    @Test
    void givenAFractionForACount_whenRead_thenItIsRejected() {
      RuleDefinitionException e =
          error(
              ruleWith(
                  "{\"fact\":\"referrer.lifetimeConversions\",\"op\":\"equal\",\"value\":2.5}"));
      assertEquals("expected a whole number but found 2.5", e.problem());
    }

    @Test
    void givenABadDuration_whenRead_thenItIsRejected() {
      RuleDefinitionException e =
          error(ruleWith("{\"fact\":\"lead.age\",\"op\":\"less\",\"value\":\"7 days\"}"));
      assertEquals(
          "expected an ISO-8601 duration such as P30D or PT12H but found '7 days'", e.problem());
    }

    @Test
    void givenABadCurrency_whenRead_thenItIsRejected() {
      RuleDefinitionException e =
          error(
              ruleWith(
                  "{\"fact\":\"order.amount\",\"op\":\"less\","
                      + "\"value\":{\"amount\":1,\"currency\":\"EURO\"}}"));
      assertEquals("/rules/0/when/value/currency", e.pointer());
      assertEquals("not an ISO 4217 currency code: 'EURO'", e.problem());
    }

    @Test
    void givenAnOperatorThatDoesNotApply_whenRead_thenItIsRejected() {
      RuleDefinitionException e =
          error(ruleWith("{\"fact\":\"referrer.kind\",\"op\":\"less\",\"value\":\"PARTNER\"}"));
      assertEquals("/rules/0/when/op", e.pointer());
      assertEquals(
          "operator less does not apply to referrer.kind; it accepts equal, notEqual, in, notIn",
          e.problem());
    }

    @Test
    void givenAnUnknownConstant_whenRead_thenTheConstantsAreListed() {
      RuleDefinitionException e =
          error(ruleWith("{\"fact\":\"referrer.kind\",\"op\":\"equal\",\"value\":\"partner\"}"));
      assertEquals(
          "unknown ReferrerKind 'partner'; expected one of CUSTOMER, PARTNER, CONTACT",
          e.problem());
    }

    @Test
    void givenReversedBetweenBounds_whenRead_thenTheModelsMessageIsKept() {
      RuleDefinitionException e =
          error(
              ruleWith(
                  "{\"fact\":\"referrer.lifetimeConversions\",\"op\":\"between\",\"values\":[5,1]}"));
      assertEquals("/rules/0/when", e.pointer());
      assertEquals("between needs the lower bound first but got [5, 1]", e.problem());
    }

    @Test
    void givenAnUnknownGroup_whenRead_thenTheRulesGroupIsPointedAt() {
      RuleDefinitionException e =
          error(
              "{\"name\":\"s\",\"rules\":[{\"name\":\"r\",\"group\":\"g\",\"on\":[\"LEAD_CONVERTED\"],"
                  + "\"then\":[{\"type\":\"cancelFollowUps\",\"scope\":\"LEAD\"}]}]}");
      assertEquals("/rules/0/group", e.pointer());
      assertEquals("unknown group 'g'; declare it in \"groups\"", e.problem());
    }

    @Test
    void givenMalformedJson_whenRead_thenTheLineAndColumnOfTheSyntaxErrorAreGiven() {
      RuleDefinitionException e = error("{\"name\":\"s\",\n\"rules\": [ }");
      assertEquals(2, e.line());
      assertTrue(e.problem().startsWith("malformed JSON: "), e.problem());
    }

    @Test
    void givenAnEmptyDocumentOrTrailingContent_whenRead_thenBothAreRejected() {
      assertEquals("the document is empty", error("  ").problem());
      assertEquals(
          "unexpected content after the end of the document",
          error("{\"name\":\"s\",\"rules\":[]} []").problem());
    }

    @Test
    void givenAMissingKey_whenRead_thenTheObjectIsPointedAt() {
      RuleDefinitionException e = error("{\"name\":\"s\"}");
      assertEquals("", e.pointer());
      assertEquals("missing key 'rules'", e.problem());
      assertTrue(e.getMessage().startsWith("bad.json at <root> (line 1, column 1): "));
    }

    @Test
    void givenAHugeAmount_whenRead_thenItIsRejectedBeforeAnyArithmetic() {
      RuleDefinitionException e =
          error(
              ruleWith(
                  "{\"fact\":\"order.amount\",\"op\":\"less\","
                      + "\"value\":{\"amount\":1e999999999,\"currency\":\"EUR\"}}"));
      assertTrue(e.problem().startsWith("number out of range"), e.problem());
    }
  }

  @Nested
  class Schema {
    private JsonNode schema() throws IOException {
      try (InputStream in = RuleSetJson.class.getResourceAsStream(RuleSetJson.SCHEMA_RESOURCE)) {
        return new ObjectMapper().readTree(in);
      }
    }

    private Set<String> enumOf(JsonNode node) {
      Set<String> values = new TreeSet<>();
      node.forEach(v -> values.add(v.asText()));
      return values;
    }

    @Test
    void givenTheShippedSchema_whenCompared_thenItListsEveryFactOperatorAndEventType()
        throws IOException {
      JsonNode defs = schema().get("$defs");
      JsonNode compareOne = defs.get("condition").get("oneOf").get(3).get("properties");
      JsonNode compareMany = defs.get("condition").get("oneOf").get(4).get("properties");
      assertEquals(
          Arrays.stream(Fact.values())
              .map(Fact::jsonName)
              .collect(Collectors.toCollection(TreeSet::new)),
          enumOf(compareOne.get("fact").get("enum")));
      Set<String> operators = enumOf(compareOne.get("op").get("enum"));
      operators.addAll(enumOf(compareMany.get("op").get("enum")));
      assertEquals(
          Arrays.stream(Operator.values())
              .map(Operator::jsonName)
              .collect(Collectors.toCollection(TreeSet::new)),
          operators);
      assertEquals(
          Arrays.stream(EventType.values())
              .map(Enum::name)
              .collect(Collectors.toCollection(TreeSet::new)),
          enumOf(defs.get("eventType").get("enum")));
    }
  }
}
