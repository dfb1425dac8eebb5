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
          long bits = ThreadLocalRandom.current().nextLong();
          return prefix + "-" + Long.toUnsignedString(bits, 36).toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
          return "IdGenerator.random()";
        }
      };

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
