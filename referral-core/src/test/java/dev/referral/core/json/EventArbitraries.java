package dev.referral.core.json;

import dev.referral.core.Channel;
import dev.referral.core.EventId;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.RefundId;
import dev.referral.core.RewardId;
import dev.referral.core.event.EventType;
import dev.referral.core.event.ReferralEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for every event type, built from the record components of each event so that a
 * new event or a new component is generated without changes here. Strings include quotes,
 * backslashes, control characters and non-ASCII letters; amounts have every currency and scale.
 */
public final class EventArbitraries {
  private EventArbitraries() {}

  /** Events of every type, each type equally likely. */
  public static Arbitrary<ReferralEvent> events() {
    return Arbitraries.of(EventType.class).flatMap(EventArbitraries::events);
  }

  /** Events of {@code type}. */
  public static Arbitrary<ReferralEvent> events(EventType type) {
    return record(type.eventClass()).map(ReferralEvent.class::cast);
  }

  /** Positive money in every currency, with the currency's number of decimals. */
  public static Arbitrary<Money> positiveMoney() {
    return money(Arbitraries.longs().between(1, 1_000_000_000_000L));
  }

  /** Money of either sign, zero included. */
  public static Arbitrary<Money> anyMoney() {
    return money(Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L));
  }

  private static Arbitrary<Money> money(Arbitrary<Long> unscaled) {
    Arbitrary<Currency> currencies = Arbitraries.of(List.copyOf(Currency.getAvailableCurrencies()));
    return Combinators.combine(unscaled, currencies)
        .as(
            (u, c) ->
                Money.of(BigDecimal.valueOf(u, Math.max(0, c.getDefaultFractionDigits())), c));
  }

  /** Every kind of incentive. */
  public static Arbitrary<Incentive> incentives() {
    List<Arbitrary<? extends Incentive>> kinds = new ArrayList<>();
    for (Class<?> kind : Incentive.class.getPermittedSubclasses()) {
      kinds.add(record(kind).map(Incentive.class::cast));
    }
    return Arbitraries.oneOf(kinds);
  }

  private static Arbitrary<Object> record(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    List<Arbitrary<Object>> values = new ArrayList<>();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      values.add(forType(components[i].getGenericType()));
      parameterTypes[i] = components[i].getType();
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return Combinators.combine(values).as(args -> construct(constructor, args.toArray()));
  }

  private static Object construct(Constructor<?> constructor, Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "generated invalid " + constructor.getDeclaringClass().getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arbitrary<Object> forType(Type type) {
    if (type instanceof ParameterizedType p) {
      Type argument = p.getActualTypeArguments()[0];
      if (p.getRawType() == java.util.Optional.class) {
        return forType(argument).optional(0.7).map(Object.class::cast);
      }
      if (p.getRawType() == Set.class) {
        return forType(argument).set().ofMaxSize(4).map(Object.class::cast);
      }
      throw new IllegalArgumentException("no generator for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return text().map(Object.class::cast);
    } else if (c == boolean.class) {
      return Arbitraries.of(true, false).map(Object.class::cast);
    } else if (c == int.class) {
      return Arbitraries.integers().between(1, Integer.MAX_VALUE).map(Object.class::cast);
    } else if (c == long.class) {
      return Arbitraries.longs().between(1, Long.MAX_VALUE).map(Object.class::cast);
    } else if (c == Instant.class) {
      return instants().map(Object.class::cast);
    } else if (c == BigDecimal.class) {
      return percents().map(Object.class::cast);
    } else if (c == Money.class) {
      return positiveMoney().map(Object.class::cast);
    } else if (c == Incentive.class) {
      return incentives().map(Object.class::cast);
    } else if (c.isEnum()) {
      return Arbitraries.of(c.getEnumConstants()).map(Object.class::cast);
    } else if (c == ReferralCode.class) {
      return Arbitraries.strings()
          .withChars(ReferralCode.ALPHABET + "01IOL")
          .ofMinLength(ReferralCode.MIN_LENGTH)
          .ofMaxLength(ReferralCode.MAX_LENGTH)
          .map(ReferralCode::new);
    } else if (c == FollowUpKind.class || c == Channel.class) {
      Function<String, Object> of = c == Channel.class ? Channel::new : FollowUpKind::new;
      return Arbitraries.strings()
          .withCharRange('A', 'Z')
          .withChars("0123456789_")
          .ofMaxLength(20)
          .map(s -> of.apply("K" + s));
    }
    Function<String, Object> id = ids(c);
    if (id != null) {
      return identifiers().map(id);
    }
    return record(c);
  }

  private static Function<String, Object> ids(Class<?> c) {
    if (c == EventId.class) {
      return EventId::new;
    } else if (c == LeadId.class) {
      return LeadId::new;
    } else if (c == ReferrerId.class) {
      return ReferrerId::new;
    } else if (c == RewardId.class) {
      return RewardId::new;
    } else if (c == OrderId.class) {
      return OrderId::new;
    } else if (c == RefundId.class) {
      return RefundId::new;
    } else if (c == FollowUpId.class) {
      return FollowUpId::new;
    }
    return null;
  }

  /** Text that survives the records' stripping: not blank, no surrounding whitespace. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(s -> !s.isBlank() && s.strip().equals(s));
  }

  private static Arbitrary<String> identifiers() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .withChars("éßЖ中€")
        .ofMinLength(1)
        .ofMaxLength(64);
  }

  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  /** Percentages above 0 and at most 100, with scales from 0 to 6 (trailing zeros kept). */
  private static Arbitrary<BigDecimal> percents() {
    return Arbitraries.integers()
        .between(0, 6)
        .flatMap(
            scale ->
                Arbitraries.longs()
                    .between(1, 100 * (long) Math.pow(10, scale))
                    .map(unscaled -> BigDecimal.valueOf(unscaled, scale)));
  }
}
