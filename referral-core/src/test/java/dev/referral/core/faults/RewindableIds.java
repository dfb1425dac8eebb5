package dev.referral.core.faults;

import dev.referral.core.ReferralCode;
import dev.referral.core.spi.CodeGenerator;
import dev.referral.core.spi.IdGenerator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sequential ids and codes that can be rewound to a saved point, so that a command retried after a
 * fault gets the ids it would have got without the fault. Thread-safe.
 */
public final class RewindableIds implements IdGenerator, CodeGenerator {
  private static final String CODE_PREFIX = "CODE";

  private final Map<String, Long> counters = new HashMap<>();

  @Override
  public synchronized String next(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return prefix + "-" + counters.merge(prefix, 1L, Long::sum);
  }

  @Override
  public synchronized ReferralCode generate() {
    long n = counters.merge(CODE_PREFIX, 1L, Long::sum);
    String alphabet = ReferralCode.ALPHABET;
    StringBuilder digits = new StringBuilder();
    do {
      digits.insert(0, alphabet.charAt((int) (n % alphabet.length())));
      n /= alphabet.length();
    } while (n > 0);
    return new ReferralCode("REF" + digits);
  }

  /** The current position. */
  public synchronized Map<String, Long> mark() {
    return Map.copyOf(counters);
  }

  /** Goes back to {@code mark}. */
  public synchronized void rewind(Map<String, Long> mark) {
    counters.clear();
    counters.putAll(mark);
  }
}
