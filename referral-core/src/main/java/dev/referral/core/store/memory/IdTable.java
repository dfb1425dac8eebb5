package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values keyed by an id that they carry, for the in-memory store's largest indexes: the values and
 * their keys in two arrays, found through a {@link PositionIndex}, without the entry object per
 * value of a {@code HashMap} (about 20 bytes less per value). A look-up compares keys in the keys'
 * array, without reading the values. Writes record themselves in the store's undo log and are taken
 * back by {@link #reverse}, newest first.
 *
 * <p>Not thread-safe: used under the store's lock.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class IdTable<K, V> implements UndoLog.Reversible {
  private final Function<? super V, ? extends K> keyOf;
  private final UndoLog undo;
  private @Nullable Object[] keys = new Object[16];
  private @Nullable Object[] values = new Object[16];
  private final PositionIndex index = new PositionIndex();

  /** An empty table of values whose keys {@code keyOf} tells, writing through {@code undo}. */
  IdTable(Function<? super V, ? extends K> keyOf, UndoLog undo) {
    this.keyOf = keyOf;
    this.undo = undo;
  }

  /** How many values the table holds. */
  int size() {
    return index.count();
  }

  /** The value with {@code key}, or null. */
  @Nullable V get(K key) {
    int position = find(key, PositionIndex.spread(key.hashCode()));
    return position < 0 ? null : valueAt(position);
  }

  /** The position of the value with {@code key}, whose hash is {@code hash}, or -1. */
  private int find(Object key, int hash) {
    for (int p = index.first(hash); p >= 0; p = index.next(hash)) {
      Object found = keys[p];
      if (found == key || key.equals(found)) {
        return p;
      }
    }
    return -1;
  }

  /**
   * Adds {@code value} unless a value with its key is there, recording the addition.
   *
   * @return whether it was added
   */
  boolean putNew(V value) {
    K key = keyOf.apply(value);
    int hash = PositionIndex.spread(key.hashCode());
    index.reserve();
    if (find(key, hash) >= 0) {
      return false;
    }
    int position = index.count();
    if (position == values.length) {
      values = Arrays.copyOf(values, position + (position >> 1));
      keys = Arrays.copyOf(keys, values.length);
    }
    keys[position] = key;
    values[position] = value;
    index.appendWhereRunEnded(hash);
    undo.reversible(this, value, true);
    return true;
  }

  /**
   * Replaces the value with {@code value}'s key by {@code value}, recording the replaced one.
   *
   * @return the replaced value, or null (and nothing changed) if there was none
   */
  @Nullable V replace(V value) {
    K key = keyOf.apply(value);
    int position = find(key, PositionIndex.spread(key.hashCode()));
    if (position < 0) {
      return null;
    }
    V previous = valueAt(position);
    values[position] = value;
    undo.reversible(this, previous, false);
    return previous;
  }

  /**
   * Takes back the addition of {@code change}, the newest value, or puts back {@code change} where
   * it was replaced.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void reverse(Object change, boolean added) {
    K key = keyOf.apply((V) change);
    int position = find(key, PositionIndex.spread(key.hashCode()));
    int last = index.count() - 1;
    if (position < 0 || (added && position != last)) {
      throw new IllegalStateException("undo out of order: " + change + " is not the newest value");
    }
    if (added) {
      index.removeLast();
      keys[last] = null;
      values[last] = null;
    } else {
      values[position] = change;
    }
  }

  @SuppressWarnings("unchecked")
  private V valueAt(int position) {
    return (V) values[position];
  }
}
