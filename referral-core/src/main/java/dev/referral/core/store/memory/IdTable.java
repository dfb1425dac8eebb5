package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values keyed by an id that they carry, for the in-memory store's largest indexes: the values in
 * one array, found through a {@link PositionIndex}, without the entry object per value of a {@code
 * HashMap} (about 25 bytes less per value). Writes record themselves in the store's undo log and
 * are taken back by {@link #reverse}, newest first.
 *
 * <p>Not thread-safe: used under the store's lock.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class IdTable<K, V> implements UndoLog.Reversible {
  private final Function<? super V, ? extends K> keyOf;
  private final UndoLog undo;
  private @Nullable Object[] values = new Object[16];
  private final PositionIndex index =
      new PositionIndex() {
        @Override
        boolean isKeyAt(int position, Object key) {
          Object found = keyOf.apply(valueAt(position));
          return found == key || key.equals(found);
        }
      };

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
    int position = index.find(key, PositionIndex.hash(key));
    return position < 0 ? null : valueAt(position);
  }

  /**
   * Adds {@code value} unless a value with its key is there, recording the addition.
   *
   * @return whether it was added
   */
  boolean putNew(V value) {
    K key = keyOf.apply(value);
    int hash = PositionIndex.hash(key);
    if (index.find(key, hash) >= 0) {
      return false;
    }
    int position = index.count();
    if (position == values.length) {
      values = Arrays.copyOf(values, position + (position >> 1));
    }
    values[position] = value;
    index.append(hash);
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
    int position = index.find(key, PositionIndex.hash(key));
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
    int position = index.find(key, PositionIndex.hash(key));
    int last = index.count() - 1;
    if (position < 0 || (added && position != last)) {
      throw new IllegalStateException("undo out of order: " + change + " is not the newest value");
    }
    if (added) {
      index.removeLast();
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
