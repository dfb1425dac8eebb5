package dev.referral.rules.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Looks constants up by the name rule files give them. */
public final class JsonNames {
  private JsonNames() {}

  /** The constant of {@code values} whose {@code name} is {@code wanted}, if any. */
  public static <T> Optional<T> find(T[] values, Function<T, String> name, String wanted) {
    Objects.requireNonNull(wanted, "jsonName");
    for (T value : values) {
      if (name.apply(value).equals(wanted)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
