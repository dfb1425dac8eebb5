package dev.referral.core.internal;

import dev.referral.core.spi.IdGenerator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The shipped id generators. */
public final class IdGenerators {
  private IdGenerators() {}

  /** Prefix, a hyphen and 64 random bits in base 36. */
  public static final IdGenerator RANDOM =
      new IdGenerator() {
        @Override
        public String next(String prefix) {
          Objects.requireNonNull(prefix, "prefix");
          return randomId(prefix, ThreadLocalRandom.current().nextLong());
        }

        @Override
        public String toString() {
          return "IdGenerator.random()";
        }
      };

  private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  /**
   * {@code prefix}, a hyphen and {@code bits} as an unsigned number in upper-case base 36: the same
   * text as {@code Long.toUnsignedString(bits, 36).toUpperCase()}, which takes a detour through
   * {@code BigInteger} for half of all values and was a quarter of the program's allocation.
   */
  static String randomId(String prefix, long bits) {
    char[] digits = new char[13]; // 36^13 > 2^64
    int at = digits.length;
    long rest = Long.divideUnsigned(bits, 36);
    digits[--at] = DIGITS[(int) (bits - rest * 36)];
    while (rest > 0) { // below 2^64 / 36: a positive long from here on
      digits[--at] = DIGITS[(int) (rest % 36)];
      rest /= 36;
    }
    return new StringBuilder(prefix.length() + 1 + digits.length - at)
        .append(prefix)
        .append('-')
        .append(digits, at, digits.length - at)
        .toString();
  }

  /** A new sequential generator, counting from 1 per prefix. */
  public static IdGenerator sequential() {
    ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    return new IdGenerator() {
      @Override
      public String next(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix
            + "-"
            + counters.computeIfAbsent(prefix, p -> new AtomicLong()).incrementAndGet();
      }

      @Override
      public String toString() {
        return "IdGenerator.sequential()";
      }
    };
  }
}
