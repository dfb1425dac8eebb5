package dev.referral.rules;

import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.event.EventType;
import dev.referral.rules.internal.JsonNames;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A referral fact that conditions read from the event and the {@link
 * dev.referral.core.policy.PolicyContext}. A fact the event does not have (the order amount of a
 * {@code LEAD_REFERRED}, the lead of a referrer event) is <em>absent</em>: every comparison with an
 * absent fact is false, so {@code not} of it is true.
 *
 * <p>Times are the event's time ({@code ReferralEvent.at()}), so that deciding again on the same
 * event (a retry, a dry run, a replay) decides the same; dates and days of the week are taken in
 * the context's time zone. Facts marked {@link #readsStats()} read the referrer's track record
 * ({@code PolicyContext.conversions()} for the counts of conversions, {@code PolicyContext.stats()}
 * for the rewards), which may query the store: the engine evaluates them after the other conditions
 * of an {@code all} or {@code any}.
 */
public enum Fact {
  /** The event's type. */
  EVENT_TYPE("event.type", Type.EVENT_TYPE),
  /** When the event happened. */
  EVENT_TIME("event.time", Type.INSTANT),
  /** The event's date in the context's zone, e.g. for campaign start and end dates. */
  EVENT_DATE("event.date", Type.DATE),
  /** The event's day of the week in the context's zone. */
  EVENT_DAY_OF_WEEK("event.dayOfWeek", Type.DAY_OF_WEEK),
  /** The order amount of a conversion or repeat purchase; other currencies never match. */
  ORDER_AMOUNT("order.amount", Type.MONEY),
  /** The ISO 4217 code of the order's currency, e.g. {@code "EUR"}. */
  ORDER_CURRENCY("order.currency", Type.TEXT),
  /** True on a conversion (the lead's first order), false on a repeat purchase. */
  ORDER_FIRST("order.firstOrder", Type.FLAG),
  /** The product categories of the order. */
  ORDER_CATEGORIES("order.categories", Type.TEXT_SET),
  /** The stock-keeping units of the order. */
  ORDER_SKUS("order.skus", Type.TEXT_SET),
  /** The referrer's kind: customer, partner or contact. */
  REFERRER_KIND("referrer.kind", Type.REFERRER_KIND),
  /** The referrer's status. */
  REFERRER_STATUS("referrer.status", Type.REFERRER_STATUS),
  /** The referrer's conversions this calendar month, this event's included. */
  REFERRER_CONVERSIONS_THIS_MONTH("referrer.conversionsThisMonth", Type.NUMBER, true),
  /** The referrer's conversions this calendar year, this event's included. */
  REFERRER_CONVERSIONS_THIS_YEAR("referrer.conversionsThisYear", Type.NUMBER, true),
  /** The referrer's conversions ever, this event's included. */
  REFERRER_LIFETIME_CONVERSIONS("referrer.lifetimeConversions", Type.NUMBER, true),
  /** On a conversion: which of the referrer's conversions this is (1 for the first). */
  REFERRER_NTH_CONVERSION("referrer.nthConversion", Type.NUMBER, true),
  /** Rewards granted to the referrer this calendar month (thank-you notes excepted). */
  REFERRER_REWARDS_THIS_MONTH("referrer.rewardsThisMonth", Type.NUMBER, true),
  /** Rewards granted to the referrer this calendar year. */
  REFERRER_REWARDS_THIS_YEAR("referrer.rewardsThisYear", Type.NUMBER, true),
  /** Rewards granted to the referrer ever. */
  REFERRER_LIFETIME_REWARDS("referrer.lifetimeRewards", Type.NUMBER, true),
  /** Money granted to the referrer this month, in the currency of the compared value. */
  REFERRER_REWARDED_AMOUNT_THIS_MONTH("referrer.rewardedAmountThisMonth", Type.MONEY, true),
  /** Money granted to the referrer this year, in the currency of the compared value. */
  REFERRER_REWARDED_AMOUNT_THIS_YEAR("referrer.rewardedAmountThisYear", Type.MONEY, true),
  /** Money granted to the referrer ever, in the currency of the compared value. */
  REFERRER_LIFETIME_REWARDED_AMOUNT("referrer.lifetimeRewardedAmount", Type.MONEY, true),
  /** Where the lead came from, e.g. {@code "newsletter"}. */
  LEAD_SOURCE("lead.source", Type.TEXT),
  /** How long before the event the lead was referred. */
  LEAD_AGE("lead.age", Type.DURATION),
  /** The lead's status after the event. */
  LEAD_STATUS("lead.status", Type.LEAD_STATUS),
  /** Whether the lead's prospect is a new customer (had no customer account when referred). */
  PROSPECT_NEW_CUSTOMER("prospect.newCustomer", Type.FLAG);

  /** The type of a fact's values, which decides the operators it accepts. */
  public enum Type {
    /** Whole numbers ({@link Long}). */
    NUMBER(Long.class, true),
    /** {@link Money}; the values of one comparison share one currency. */
    MONEY(Money.class, true),
    /** Texts ({@link String}). */
    TEXT(String.class, false),
    /** {@link Boolean}. */
    FLAG(Boolean.class, false),
    /** A set of texts, compared with texts. */
    TEXT_SET(String.class, false),
    /** {@link Duration}, ISO-8601 in rule files (e.g. {@code "P30D"}). */
    DURATION(Duration.class, true),
    /** {@link LocalDate}, ISO-8601 in rule files (e.g. {@code "2025-03-01"}). */
    DATE(LocalDate.class, true),
    /** {@link Instant}, ISO-8601 in rule files (e.g. {@code "2025-03-01T00:00:00Z"}). */
    INSTANT(Instant.class, true),
    /** {@link EventType}. */
    EVENT_TYPE(EventType.class, false),
    /** {@link ReferrerKind}. */
    REFERRER_KIND(ReferrerKind.class, false),
    /** {@link ReferrerStatus}. */
    REFERRER_STATUS(ReferrerStatus.class, false),
    /** {@link LeadStatus}. */
    LEAD_STATUS(LeadStatus.class, false),
    /** {@link DayOfWeek}. */
    DAY_OF_WEEK(DayOfWeek.class, false);

    private final Class<?> valueClass;
    private final boolean ordered;

    Type(Class<?> valueClass, boolean ordered) {
      this.valueClass = valueClass;
      this.ordered = ordered;
    }

    /** The class of the values a condition compares this type with. */
    public Class<?> valueClass() {
      return valueClass;
    }

    /** Whether the values are ordered, so that less, greater and between apply. */
    public boolean isOrdered() {
      return ordered;
    }

    /** The operators that apply to this type. */
    public Set<Operator> operators() {
      if (this == TEXT_SET) {
        return EnumSet.of(Operator.CONTAINS, Operator.IN, Operator.NOT_IN);
      }
      if (this == FLAG) {
        return EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL);
      }
      EnumSet<Operator> ops =
          EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.IN, Operator.NOT_IN);
      if (ordered) {
        ops.addAll(
            EnumSet.of(
                Operator.LESS,
                Operator.LESS_OR_EQUAL,
                Operator.GREATER,
                Operator.GREATER_OR_EQUAL,
                Operator.BETWEEN));
      }
      if (this == TEXT) {
        ops.add(Operator.CONTAINS);
      }
      return ops;
    }

    /** Whether values of this type are enum constants. */
    public boolean isEnum() {
      return valueClass.isEnum();
    }
  }

  private final String jsonName;
  private final Type type;
  private final boolean readsStats;

  Fact(String jsonName, Type type) {
    this(jsonName, type, false);
  }

  Fact(String jsonName, Type type, boolean readsStats) {
    this.jsonName = jsonName;
    this.type = type;
    this.readsStats = readsStats;
  }

  /** The fact's name in rule files, e.g. {@code "referrer.lifetimeConversions"}. */
  public String jsonName() {
    return jsonName;
  }

  /** The type of the fact's values. */
  public Type type() {
    return type;
  }

  /**
   * Whether reading the fact reads the referrer's track record: {@code PolicyContext.conversions()}
   * or {@code PolicyContext.stats()}.
   */
  public boolean readsStats() {
    return readsStats;
  }

  /** The fact named {@code jsonName} in rule files, if any. */
  public static Optional<Fact> ofJsonName(String jsonName) {
    return JsonNames.find(values(), Fact::jsonName, jsonName);
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
