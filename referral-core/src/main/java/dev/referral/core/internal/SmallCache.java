package dev.referral.core.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A map for the few entries one command caches (its lead, its referrer): the first key is held in
 * two fields, and a hash map is made only for a second key, so that a command that reads one lead
 * and one referrer allocates no map.
 *
 * <p>Not thread-safe: lives in one {@link Unit}.
 */
final class SmallCache<K, V> {
  private @Nullable K firstKey;
  private @Nullable V firstValue;
  private @Nullable Map<K, V> others;

  /** The value for {@code key}, or null. */
  @Nullable V get(K key) {
    K first = firstKey;
    if (first != null && (first == key || first.equals(key))) {
      return firstValue;
    }
    Map<K, V> map = others;
    return map == null ? null : map.get(key);
  }

  /** Holds {@code value} for {@code key}, replacing what it held. */
  void put(K key, V value) {
    K first = firstKey;
    if (first == null || first == key || first.equals(key)) {
      firstKey = key;
      firstValue = value;
      return;
    }
    Map<K, V> map = others;
    if (map == null) {
      map = new HashMap<>(4);
      others = map;
    }
    map.put(key, value);
  }
}
