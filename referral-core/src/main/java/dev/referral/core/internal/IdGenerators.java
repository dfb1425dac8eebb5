package dev.referral.core.internal;

import dev.referral.core.spi.IdGenerator;
import java.nio.charset.StandardCharsets;
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

  private static final byte[] DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(StandardCharsets.US_ASCII);

  /** {@code 36^1 .. 36^12}: a value below {@code POWERS[i]} has at most {@code i + 1} digits. */
  private static final long[] POWERS = new long[12];

  static {
    long p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      p *= 36;
      POWERS[i] = p;
    }
  }

  /**
   * {@code prefix}, a hyphen and {@code bits} as an unsigned number in upper-case base 36: the same
   * text as {@code Long.toUnsignedString(bits, 36).toUpperCase()}, which takes a detour through
   * {@code BigInteger} for half of all values and was a quarter of the program's allocation. The
   * digits go straight into the string's Latin-1 bytes: no char buffer, no builder.
   */
  static String randomId(String prefix, long bits) {
    if (!isLatin1(prefix)) {
      return prefix + '-' + randomId("", bits).substring(1);
    }
    int digits = 13; // 36^13 > 2^64
    for (int i = 0; i < POWERS.length; i++) {
      if (Long.compareUnsigned(bits, POWERS[i]) < 0) {
        digits = i + 1;
        break;
      }
    }
    int p = prefix.length();
    byte[] text = new byte[p + 1 + digits];
    for (int i = 0; i < p; i++) {
      text[i] = (byte) prefix.charAt(i);
    }
    text[p] = '-';
    int at = text.length;
    long rest = Long.divideUnsigned(bits, 36);
    text[--at] = DIGITS[(int) (bits - rest * 36)];
    while (rest > 0) { // below 2^64 / 36: a positive long from here on
      text[--at] = DIGITS[(int) (rest % 36)];
      rest /= 36;
    }
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
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
