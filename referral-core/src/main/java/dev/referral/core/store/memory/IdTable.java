package dev.referral.core.store.memory;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values keyed by an id that they carry, for the in-memory store's largest indexes: an
 * open-addressing table of the values with their keys' hashes beside them, without the entry object
 * per value of a {@code HashMap} (about 40 bytes less per value). Writes record themselves in the
 * store's undo log and are taken back by {@link #reverse}.
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
  private int[] hashes = new int[16];
  private int mask = 15;
  private int size;

  /** An empty table of values whose keys {@code keyOf} tells, writing through {@code undo}. */
  IdTable(Function<? super V, ? extends K> keyOf, UndoLog undo) {
    this.keyOf = keyOf;
    this.undo = undo;
  }

  /** How many values the table holds. */
  int size() {
    return size;
  }

  /** The value with {@code key}, or null. */
  @Nullable V get(K key) {
    int slot = slotOf(key);
    return slot < 0 ? null : valueAt(slot);
  }

  /**
   * Adds {@code value} unless a value with its key is there, recording the addition.
   *
   * @return whether it was added
   */
  boolean putNew(V value) {
    K key = keyOf.apply(value);
    int hash = hash(key);
    int slot = hash & mask;
    for (; values[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && isKey(key, slot)) {
        return false;
      }
    }
    values[slot] = value;
    hashes[slot] = hash;
    size++;
    undo.reversible(this, value, true);
    if (size * 4L > values.length * 3L) {
      resize(values.length * 2);
    }
    return true;
  }

  /**
   * Replaces the value with {@code value}'s key by {@code value}, recording the replaced one.
   *
   * @return the replaced value, or null (and nothing changed) if there was none
   */
  @Nullable V replace(V value) {
    int slot = slotOf(keyOf.apply(value));
    if (slot < 0) {
      return null;
    }
    V previous = valueAt(slot);
    values[slot] = value;
    undo.reversible(this, previous, false);
    return previous;
  }

  /**
   * Takes back the addition of {@code change}, or puts back {@code change} where it was replaced.
   */
  @Override
  @SuppressWarnings("unchecked")
  public void reverse(Object change, boolean added) {
    int slot = slotOf(keyOf.apply((V) change));
    if (slot < 0) {
      throw new IllegalStateException("undo out of order: " + change + " is not in the table");
    }
    if (added) {
      removeAt(slot);
    } else {
      values[slot] = change;
    }
  }

  private int slotOf(K key) {
    int hash = hash(key);
    for (int slot = hash & mask; values[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash && isKey(key, slot)) {
        return slot;
      }
    }
    return -1;
  }

  /** Empties {@code slot}, moving back the values after it that probed past it (no tombstones). */
  private void removeAt(int slot) {
    int hole = slot;
    for (int i = (slot + 1) & mask; values[i] != null; i = (i + 1) & mask) {
      int home = hashes[i] & mask;
      if (((i - home) & mask) >= ((i - hole) & mask)) { // the hole is on its probe path
        values[hole] = values[i];
        hashes[hole] = hashes[i];
        hole = i;
      }
    }
    values[hole] = null;
    hashes[hole] = 0;
    size--;
  }

  private void resize(int capacity) {
    @Nullable Object[] oldValues = values;
    int[] oldHashes = hashes;
    values = new Object[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null) {
        int slot = oldHashes[i] & mask;
        while (values[slot] != null) {
          slot = (slot + 1) & mask;
        }
        values[slot] = oldValues[i];
        hashes[slot] = oldHashes[i];
      }
    }
  }

  private boolean isKey(K key, int slot) {
    K found = keyOf.apply(valueAt(slot));
    return found == key || key.equals(found);
  }

  @SuppressWarnings("unchecked")
  private V valueAt(int slot) {
    return (V) values[slot];
  }

  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
