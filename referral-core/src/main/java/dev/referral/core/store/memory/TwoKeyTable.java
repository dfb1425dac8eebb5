package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values in the order added, each found by two keys (an id, which its updates keep, and a key fixed
 * when it was added) through two open-addressing tables of {@code (position + 1) << 32 | hash}. A
 * look-up reads a value only when the 32-bit hashes match; growing copies two arrays of longs
 * instead of chasing a node per entry, and an entry costs no object of its own: the values and
 * their second keys sit in two arrays by position. Values are replaced in place ({@link #set}) and
 * leave only through the undo log, newest first ({@link #reverse}), so positions stay dense and
 * other indexes can hold them.
 *
 * <p>Not thread-safe: used under the store's lock.
 *
 * @param <V> the values
 */
final class TwoKeyTable<V> implements UndoLog.Reversible {

  /** {@link #add}: a value has the first key. */
  static final int FIRST_TAKEN = 1;

  /** {@link #add}: a value has the second key. */
  static final int SECOND_TAKEN = 2;

  private final Function<V, Object> firstKey;
  private @Nullable Object[] values = new Object[16];
  private @Nullable Object[] secondKeys = new Object[16];
  private long[] byFirst = new long[32];
  private long[] bySecond = new long[32];
  private int size;

  /** An empty table whose values' first key is {@code firstKey}. */
  TwoKeyTable(Function<V, Object> firstKey) {
    this.firstKey = firstKey;
  }

  /** How many values. */
  int size() {
    return size;
  }

  /** The value at {@code position}, {@code 0 <= position < size()}, in the order added. */
  @SuppressWarnings("unchecked")
  V get(int position) {
    return (V) Objects.requireNonNull(values[position]);
  }

  /** The position of the value whose first key equals {@code key}, or -1. */
  int findFirst(Object key) {
    return find(byFirst, key, hash(key), true);
  }

  /** The position of the value whose second key equals {@code key}, or -1. */
  int findSecond(Object key) {
    return find(bySecond, key, hash(key), false);
  }

  /**
   * Adds {@code value} with {@code secondKey} unless a value has its first or second key; the undo
   * log takes it back through {@link #reverse}.
   *
   * @return its position, or minus {@link #FIRST_TAKEN} and/or {@link #SECOND_TAKEN}: nothing
   *     changed
   */
  int add(V value, Object secondKey) {
    Object first = firstKey.apply(value);
    int firstHash = hash(first);
    int secondHash = hash(secondKey);
    int taken =
        (find(byFirst, first, firstHash, true) >= 0 ? FIRST_TAKEN : 0)
            | (find(bySecond, secondKey, secondHash, false) >= 0 ? SECOND_TAKEN : 0);
    if (taken != 0) {
      return -taken;
    }
    if ((size + 1) * 4L > byFirst.length * 3L) {
      byFirst = grown(byFirst);
      bySecond = grown(bySecond);
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      secondKeys = Arrays.copyOf(secondKeys, size * 2);
    }
    values[size] = value;
    secondKeys[size] = secondKey;
    place(byFirst, firstHash, size);
    place(bySecond, secondHash, size);
    return size++;
  }

  /**
   * Replaces the value at {@code position} by {@code value}, which has the same first key,
   * recording the replaced one in {@code undo}.
   */
  void set(int position, V value, UndoLog undo) {
    undo.reversible(this, Objects.requireNonNull(values[position]), false);
    values[position] = value;
  }

  /** Takes back the newest addition ({@code added}) or a replacement by {@code change}. */
  @Override
  @SuppressWarnings("unchecked")
  public void reverse(Object change, boolean added) {
    V value = (V) change;
    Object first = firstKey.apply(value);
    if (!added) {
      values[find(byFirst, first, hash(first), true)] = value;
      return;
    }
    int last = size - 1;
    if (last < 0 || values[last] != change) {
      throw new IllegalStateException("only the newest value can be taken back");
    }
    Object second = Objects.requireNonNull(secondKeys[last]);
    delete(byFirst, find(byFirst, first, hash(first), true, last));
    delete(bySecond, find(bySecond, second, hash(second), false, last));
    values[last] = null;
    secondKeys[last] = null;
    size = last;
  }

  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9; // spread: the low bits pick the slot
    return h ^ (h >>> 16);
  }

  private int find(long[] slots, Object key, int hash, boolean first) {
    int mask = slots.length - 1;
    int slot = hash & mask;
    long s;
    while ((s = slots[slot]) != 0) {
      if ((int) s == hash) {
        int position = (int) (s >>> 32) - 1;
        Object found = first ? firstKey.apply(get(position)) : secondKeys[position];
        if (key.equals(found)) {
          return position;
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The slot in {@code slots} that holds {@code position}, whose key is {@code key}. */
  private static int find(long[] slots, Object key, int hash, boolean first, int position) {
    int mask = slots.length - 1;
    int slot = hash & mask;
    long wanted = (long) (position + 1) << 32 | (hash & 0xFFFFFFFFL);
    while (slots[slot] != wanted) {
      if (slots[slot] == 0) {
        throw new IllegalStateException("entry not indexed: " + key + (first ? "" : " (key)"));
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static void place(long[] slots, int hash, int position) {
    int mask = slots.length - 1;
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = (long) (position + 1) << 32 | (hash & 0xFFFFFFFFL);
  }

  /** Empties {@code slot}, moving later entries of its probe run back (no tombstones). */
  private static void delete(long[] slots, int slot) {
    int mask = slots.length - 1;
    int hole = slot;
    int next = slot;
    while (true) {
      next = (next + 1) & mask;
      long s = slots[next];
      if (s == 0) {
        break;
      }
      int home = (int) s & mask;
      // The entry at next may move into the hole unless its home lies in (hole, next].
      boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!stays) {
        slots[hole] = s;
        hole = next;
      }
    }
    slots[hole] = 0;
  }

  private static long[] grown(long[] slots) {
    long[] grown = new long[slots.length * 2];
    int mask = grown.length - 1;
    for (long s : slots) {
      if (s != 0) {
        int slot = (int) s & mask;
        while (grown[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        grown[slot] = s;
      }
    }
    return grown;
  }
}
