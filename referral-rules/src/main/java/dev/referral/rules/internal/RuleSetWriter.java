package dev.referral.rules.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Money;
import dev.referral.core.event.EventType;
import dev.referral.rules.Action;
import dev.referral.rules.Condition;
import dev.referral.rules.Fact;
import dev.referral.rules.Operator;
import dev.referral.rules.Rule;
import dev.referral.rules.RuleGroup;
import dev.referral.rules.RuleSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a rule set in the rule-file format that {@link RuleSetReader} reads, so that a written set
 * reads back equal. Sets are written in a stable order: event types and follow-up kinds sorted,
 * data keys sorted.
 */
public final class RuleSetWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private RuleSetWriter() {}

  /**
   * The rule file of {@code ruleSet}.
   *
   * @throws IllegalArgumentException if a rule has a custom (lambda) condition
   */
  public static String write(RuleSet ruleSet) {
    for (Rule rule : ruleSet.rules()) {
      rejectCustom(rule, rule.when());
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("name", ruleSet.name());
      if (ruleSet.stopOnFirstMatch()) {
        json.writeBooleanField("stopOnFirstMatch", true);
      }
      if (!ruleSet.groups().isEmpty()) {
        json.writeArrayFieldStart("groups");
        for (RuleGroup group : ruleSet.groups()) {
          json.writeStartObject();
          json.writeStringField("name", group.name());
          json.writeStringField("mode", group.mode().name());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeArrayFieldStart("rules");
      for (Rule rule : ruleSet.rules()) {
        rule(json, rule);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + System.lineSeparator();
  }

  private static void rejectCustom(Rule rule, Condition condition) {
    if (condition instanceof Condition.Custom custom) {
      throw new IllegalArgumentException(
          "ruleSet: rule '"
              + rule.name()
              + "' has the custom condition '"
              + custom.description()
              + "', a Java lambda, which cannot be written to a rule file");
    }
    if (condition instanceof Condition.All all) {
      all.conditions().forEach(c -> rejectCustom(rule, c));
    } else if (condition instanceof Condition.Any any) {
      any.conditions().forEach(c -> rejectCustom(rule, c));
    } else if (condition instanceof Condition.Not not) {
      rejectCustom(rule, not.condition());
    }
  }

  private static void rule(JsonGenerator json, Rule rule) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", rule.name());
    if (rule.priority() != Rule.DEFAULT_PRIORITY) {
      json.writeNumberField("priority", rule.priority());
    }
    if (rule.group().isPresent()) {
      json.writeStringField("group", rule.group().get());
    }
    json.writeArrayFieldStart("on");
    for (EventType type : rule.on().stream().sorted().toList()) {
      json.writeString(type.name());
    }
    json.writeEndArray();
    if (!rule.when().equals(Condition.always())) {
      json.writeFieldName("when");
      condition(json, rule.when());
    }
    json.writeArrayFieldStart("then");
    for (Action action : rule.then()) {
      action(json, action);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void condition(JsonGenerator json, Condition condition) throws IOException {
    json.writeStartObject();
    if (condition instanceof Condition.All all) {
      conditions(json, "all", all.conditions());
    } else if (condition instanceof Condition.Any any) {
      conditions(json, "any", any.conditions());
    } else if (condition instanceof Condition.Not not) {
      json.writeFieldName("not");
      condition(json, not.condition());
    } else {
      Condition.Compare compare = (Condition.Compare) condition;
      json.writeStringField("fact", compare.fact().jsonName());
      json.writeStringField("op", compare.operator().jsonName());
      if (compare.operator().arity() == Operator.Arity.ONE) {
        json.writeFieldName("value");
        value(json, compare.fact(), compare.value());
      } else {
        json.writeArrayFieldStart("values");
        for (Object value : compare.values()) {
          value(json, compare.fact(), value);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void conditions(JsonGenerator json, String key, List<Condition> parts)
      throws IOException {
    json.writeArrayFieldStart(key);
    for (Condition part : parts) {
      condition(json, part);
    }
    json.writeEndArray();
  }

  private static void value(JsonGenerator json, Fact fact, Object value) throws IOException {
    switch (fact.type()) {
      case NUMBER -> json.writeNumber((Long) value);
      case MONEY -> money(json, (Money) value);
      case FLAG -> json.writeBoolean((Boolean) value);
      default -> json.writeString(value instanceof Enum<?> e ? e.name() : value.toString());
    }
  }

  private static void money(JsonGenerator json, Money money) throws IOException {
    json.writeStartObject();
    json.writeFieldName("amount");
    json.writeNumber(money.amount());
    json.writeStringField("currency", money.currency().getCurrencyCode());
    json.writeEndObject();
  }

  private static void action(JsonGenerator json, Action action) throws IOException {
    json.writeStartObject();
    if (action instanceof Action.Grant grant) {
      json.writeStringField("type", "grant");
      json.writeStringField("to", grant.to().name());
      json.writeFieldName("incentive");
      incentive(json, grant.incentive());
      if (grant.holdFor().isPresent()) {
        json.writeStringField("holdFor", grant.holdFor().get().toString());
      }
      if (grant.requiresApproval()) {
        json.writeBooleanField("requiresApproval", true);
      }
      if (grant.expiresAfter().isPresent()) {
        json.writeStringField("expiresAfter", grant.expiresAfter().get().toString());
      }
    } else if (action instanceof Action.FollowUp followUp) {
      json.writeStringField("type", "followUp");
      json.writeStringField("kind", followUp.kind().name());
      json.writeStringField("to", followUp.to().name());
      json.writeStringField("after", followUp.after().toString());
      json.writeStringField("channel", followUp.channel().name());
      if (!followUp.data().isEmpty()) {
        json.writeObjectFieldStart("data");
        for (Map.Entry<String, String> entry : new TreeMap<>(followUp.data()).entrySet()) {
          json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
      }
    } else {
      Action.Cancel cancel = (Action.Cancel) action;
      json.writeStringField("type", "cancelFollowUps");
      json.writeStringField("scope", cancel.scope().name());
      if (!cancel.kinds().isEmpty()) {
        json.writeArrayFieldStart("kinds");
        for (String kind : cancel.kinds().stream().map(FollowUpKind::name).sorted().toList()) {
          json.writeString(kind);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void incentive(JsonGenerator json, Incentive incentive) throws IOException {
    json.writeStartObject();
    if (incentive instanceof Incentive.PercentDiscount p) {
      json.writeStringField("type", "percentDiscount");
      decimal(json, "percent", p.percent());
    } else if (incentive instanceof Incentive.FixedCredit c) {
      json.writeStringField("type", "credit");
      moneyField(json, "amount", c.amount());
    } else if (incentive instanceof Incentive.GiftCard g) {
      json.writeStringField("type", "giftCard");
      moneyField(json, "amount", g.amount());
    } else if (incentive instanceof Incentive.FreeItem f) {
      json.writeStringField("type", "freeItem");
      json.writeStringField("sku", f.sku());
      json.writeNumberField("quantity", f.quantity());
      if (f.unitValue().isPresent()) {
        moneyField(json, "unitValue", f.unitValue().get());
      }
    } else if (incentive instanceof Incentive.Points p) {
      json.writeStringField("type", "points");
      json.writeNumberField("points", p.points());
    } else if (incentive instanceof Incentive.Gift g) {
      json.writeStringField("type", "gift");
      json.writeStringField("description", g.description());
      if (g.value().isPresent()) {
        moneyField(json, "value", g.value().get());
      }
    } else if (incentive instanceof Incentive.ThankYouNote t) {
      json.writeStringField("type", "thankYou");
      json.writeStringField("message", t.message());
    } else {
      Incentive.PartnerCommission c = (Incentive.PartnerCommission) incentive;
      json.writeStringField("type", "commission");
      decimal(json, "percent", c.percent());
    }
    json.writeEndObject();
  }

  private static void moneyField(JsonGenerator json, String name, Money money) throws IOException {
    json.writeFieldName(name);
    money(json, money);
  }

  private static void decimal(JsonGenerator json, String name, BigDecimal value)
      throws IOException {
    json.writeFieldName(name);
    json.writeNumber(value);
  }
}
