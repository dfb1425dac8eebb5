package dev.referral.core.spi;

import dev.referral.core.internal.IdGenerators;

/**
 * Generates ids for referrers, leads, rewards, follow-ups and events. Must be thread-safe and never
 * return the same id twice for a prefix.
 */
@FunctionalInterface
public interface IdGenerator {

  /** A new id starting with {@code prefix} (such as {@code "L"} for leads). */
  String next(String prefix);

  /** Random ids such as {@code L-3KZ8QW2M7XA9D}: 64 random bits. The default. */
  static IdGenerator random() {
    return IdGenerators.RANDOM;
  }

  /**
   * Sequential ids per prefix ({@code L-1}, {@code L-2}...), for tests and examples with stable
   * output. Ids repeat across program restarts, so not for production stores.
   */
  static IdGenerator sequential() {
    return IdGenerators.sequential();
  }
}
