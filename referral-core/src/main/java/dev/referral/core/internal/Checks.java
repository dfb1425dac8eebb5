package dev.referral.core.internal;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Argument checks with messages that name the argument and the rule it broke. */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} or throws NPE naming {@code name}. */
  public static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, name);
  }

  /** Returns {@code value} stripped, rejecting null and blank values. */
  public static String notBlank(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    int last = value.length() - 1;
    if (last >= 0 && isVisibleAscii(value.charAt(0)) && isVisibleAscii(value.charAt(last))) {
      return value; // nothing to strip: the common case, without a scan
    }
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return stripped;
  }

  /** Rejects null and blank values and values longer than {@code maxLength}. */
  public static String text(@Nullable String value, String name, int maxLength) {
    String stripped = notBlank(value, name);
    if (stripped.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " must be at most " + maxLength + " characters but was " + stripped.length());
    }
    return stripped;
  }

  /** An identifier: 1 to 64 characters, no whitespace or control characters. */
  public static String identifier(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > 64) {
      throw new IllegalArgumentException(
          name + " must be at most 64 characters but was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isVisibleAscii(c) && (Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new IllegalArgumentException(
            name + " must not contain whitespace or control characters: '" + value + "'");
      }
    }
    return value;
  }

  /** Whether {@code c} is {@code !} to {@code ~}: neither whitespace nor a control character. */
  private static boolean isVisibleAscii(char c) {
    return c > ' ' && c < 0x7F;
  }

  /** Rejects negative values. */
  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
    return value;
  }

  /** Rejects zero and negative values. */
  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive but was " + value);
    }
    return value;
  }

  /** Rejects a null optional (an empty one is fine). */
  public static <T> Optional<T> optional(@Nullable Optional<T> value, String name) {
    return Objects.requireNonNull(value, name);
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Throws {@link IllegalStateException} with {@code message} unless {@code condition}. */
  public static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
