package dev.referral.rules.internal;

import dev.referral.core.Lead;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.Referrer;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.policy.PolicyContext;
import dev.referral.rules.Fact;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads facts without allocating: numbers, durations and dates as {@code long}, everything else as
 * the object the event or context already holds. {@code context.conversions()} and {@code
 * context.stats()} are read only by the facts that need them, the counts of conversions from the
 * former, so that a store adds up a referrer's rewards only for a rule about rewards.
 */
final class FactReader {
  /** A {@code long} fact the event does not have. */
  static final long ABSENT = Long.MIN_VALUE;

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long MAX_SECONDS_IN_NANOS = Long.MAX_VALUE / NANOS_PER_SECOND - 1;

  private FactReader() {}

  /** Whether the fact is read as a {@code long}. */
  static boolean isLong(Fact fact) {
    Fact.Type type = fact.type();
    return type == Fact.Type.NUMBER || type == Fact.Type.DURATION || type == Fact.Type.DATE;
  }

  /** A {@code long} fact, or {@link #ABSENT}. */
  static long readLong(Fact fact, ReferralEvent event, PolicyContext context) {
    return switch (fact) {
      case REFERRER_CONVERSIONS_THIS_MONTH -> context.conversions().thisMonth();
      case REFERRER_CONVERSIONS_THIS_YEAR -> context.conversions().thisYear();
      case REFERRER_LIFETIME_CONVERSIONS -> context.conversions().lifetime();
      case REFERRER_NTH_CONVERSION ->
          event instanceof LeadConverted ? context.conversions().lifetime() : ABSENT;
      case REFERRER_REWARDS_THIS_MONTH -> context.stats().rewardsThisMonth().count();
      case REFERRER_REWARDS_THIS_YEAR -> context.stats().rewardsThisYear().count();
      case REFERRER_LIFETIME_REWARDS -> context.stats().rewardsLifetime().count();
      case LEAD_AGE -> leadAgeNanos(event, context);
      case EVENT_DATE -> epochDay(event.at(), context.zone());
      default -> throw new IllegalArgumentException(fact + " is not a number");
    };
  }

  /** The operand of a {@code long} fact. */
  static long toLong(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Duration d) {
      return d.getSeconds() > MAX_SECONDS_IN_NANOS ? Long.MAX_VALUE : d.toNanos();
    }
    return ((LocalDate) value).toEpochDay();
  }

  /** A {@code long} fact's value for traces. */
  static String formatLong(Fact fact, long value) {
    if (value == ABSENT) {
      return "absent";
    }
    return switch (fact.type()) {
      case DURATION -> Duration.ofNanos(value).toString();
      case DATE -> LocalDate.ofEpochDay(value).toString();
      default -> Long.toString(value);
    };
  }

  /**
   * An object fact: an amount ({@link BigDecimal}, in {@code currency}) for money facts, else the
   * value; null when absent or, for the order amount, in another currency.
   */
  static @Nullable Object readObject(
      Fact fact, ReferralEvent event, PolicyContext context, @Nullable Currency currency) {
    return switch (fact) {
      case EVENT_TYPE -> event.type();
      case EVENT_TIME -> event.at();
      case EVENT_DAY_OF_WEEK -> dayOfWeek(epochDay(event.at(), context.zone()));
      case ORDER_AMOUNT -> {
        Purchase purchase = purchase(event);
        yield purchase == null || !purchase.amount().currency().equals(currency)
            ? null
            : purchase.amount().amount();
      }
      case ORDER_CURRENCY -> {
        Purchase purchase = purchase(event);
        yield purchase == null ? null : purchase.amount().currency().getCurrencyCode();
      }
      case ORDER_FIRST ->
          event instanceof LeadConverted
              ? Boolean.TRUE
              : event instanceof RepeatPurchase ? Boolean.FALSE : null;
      case REFERRER_KIND -> {
        Referrer referrer = context.referrer().orElse(null);
        yield referrer == null ? null : referrer.kind();
      }
      case REFERRER_STATUS -> {
        Referrer referrer = context.referrer().orElse(null);
        yield referrer == null ? null : referrer.status();
      }
      case REFERRER_REWARDED_AMOUNT_THIS_MONTH ->
          amount(context.stats().rewardsThisMonth(), currency);
      case REFERRER_REWARDED_AMOUNT_THIS_YEAR ->
          amount(context.stats().rewardsThisYear(), currency);
      case REFERRER_LIFETIME_REWARDED_AMOUNT -> amount(context.stats().rewardsLifetime(), currency);
      case LEAD_SOURCE -> {
        Lead lead = context.lead().orElse(null);
        yield lead != null
            ? lead.source()
            : event instanceof LeadReferred referred ? referred.source() : null;
      }
      case LEAD_STATUS -> {
        Lead lead = context.lead().orElse(null);
        yield lead == null ? null : lead.status();
      }
      case PROSPECT_NEW_CUSTOMER -> {
        Lead lead = context.lead().orElse(null);
        yield lead == null ? null : lead.prospect().customerRef().isEmpty();
      }
      default -> throw new IllegalArgumentException(fact + " is not read as an object");
    };
  }

  /** An object fact's value for traces; money facts show their amount with its currency. */
  static String formatObject(
      Fact fact, ReferralEvent event, @Nullable Object value, @Nullable Currency currency) {
    if (fact == Fact.ORDER_AMOUNT) {
      Purchase purchase = purchase(event);
      return purchase == null ? "absent" : purchase.amount().toString();
    }
    if (value == null) {
      return "absent";
    }
    if (value instanceof BigDecimal amount && currency != null) {
      return new Money(amount, currency).toString();
    }
    return value instanceof String s ? "'" + s + "'" : value.toString();
  }

  /** A set fact, or null when absent. */
  static @Nullable Set<String> readSet(Fact fact, ReferralEvent event) {
    Purchase purchase = purchase(event);
    if (purchase == null) {
      return null;
    }
    return fact == Fact.ORDER_SKUS ? purchase.skus() : purchase.categories();
  }

  static @Nullable Purchase purchase(ReferralEvent event) {
    if (event instanceof LeadConverted converted) {
      return converted.purchase();
    }
    if (event instanceof RepeatPurchase repeat) {
      return repeat.purchase();
    }
    return null;
  }

  private static BigDecimal amount(LedgerTotals totals, @Nullable Currency currency) {
    Money money = totals.amounts().get(currency);
    return money == null ? BigDecimal.ZERO : money.amount();
  }

  private static long leadAgeNanos(ReferralEvent event, PolicyContext context) {
    Lead lead = context.lead().orElse(null);
    if (lead == null) {
      return ABSENT;
    }
    Instant at = event.at();
    Instant referred = lead.referredAt();
    long seconds = at.getEpochSecond() - referred.getEpochSecond();
    if (seconds > MAX_SECONDS_IN_NANOS) {
      return Long.MAX_VALUE;
    }
    if (seconds < -MAX_SECONDS_IN_NANOS) {
      return ABSENT + 1;
    }
    return seconds * NANOS_PER_SECOND + (at.getNano() - referred.getNano());
  }

  static long epochDay(Instant at, ZoneId zone) {
    int offset =
        zone instanceof ZoneOffset fixed
            ? fixed.getTotalSeconds()
            : zone.getRules().getOffset(at).getTotalSeconds();
    return Math.floorDiv(at.getEpochSecond() + offset, SECONDS_PER_DAY);
  }

  private static DayOfWeek dayOfWeek(long epochDay) {
    // 1970-01-01 was a Thursday.
    return DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7L) + 1);
  }
}
