package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Entries in the order added, each found by two keys (an id and an idempotency key) through two
 * open-addressing tables of {@code (position + 1) << 32 | hash}. A look-up reads an entry only when
 * the 32-bit hashes match; growing copies two arrays of longs instead of chasing a node per entry,
 * and an entry costs no node object. Entries leave only through the undo log, newest first ({@link
 * #reverse}), so positions stay dense.
 *
 * <p>Not thread-safe: used under the store's lock.
 *
 * @param <E> the entries
 */
final class TwoKeyTable<E extends TwoKeyTable.Keyed> implements UndoLog.Reversible {

  /** An entry's two keys, fixed for its life in the table. */
  interface Keyed {
    /** The first key (the id). */
    Object firstKey();

    /** The second key (the idempotency key). */
    Object secondKey();
  }

  /** {@link #add}: an entry has the first key. */
  static final int FIRST_TAKEN = 1;

  /** {@link #add}: an entry has the second key. */
  static final int SECOND_TAKEN = 2;

  private @Nullable Object[] entries = new Object[16];
  private long[] byFirst = new long[32];
  private long[] bySecond = new long[32];
  private int size;

  /** An empty table. */
  TwoKeyTable() {}

  /** How many entries. */
  int size() {
    return size;
  }

  /** The entry at {@code position}, {@code 0 <= position < size()}, in the order added. */
  @SuppressWarnings("unchecked")
  E get(int position) {
    return (E) Objects.requireNonNull(entries[position]);
  }

  /** The entry whose first key equals {@code key}, or null. */
  @Nullable E findFirst(Object key) {
    int at = find(byFirst, key, hash(key), true);
    return at < 0 ? null : get(at);
  }

  /** The entry whose second key equals {@code key}, or null. */
  @Nullable E findSecond(Object key) {
    int at = find(bySecond, key, hash(key), false);
    return at < 0 ? null : get(at);
  }

  /**
   * Adds {@code entry} unless an entry has one of its keys; the undo log takes it back through
   * {@link #reverse}.
   *
   * @return 0 if added, else {@link #FIRST_TAKEN} and/or {@link #SECOND_TAKEN}: nothing changed
   */
  int add(E entry) {
    Object first = entry.firstKey();
    Object second = entry.secondKey();
    int firstHash = hash(first);
    int secondHash = hash(second);
    int taken =
        (find(byFirst, first, firstHash, true) >= 0 ? FIRST_TAKEN : 0)
            | (find(bySecond, second, secondHash, false) >= 0 ? SECOND_TAKEN : 0);
    if (taken != 0) {
      return taken;
    }
    if ((size + 1) * 4L > byFirst.length * 3L) {
      byFirst = grown(byFirst);
      bySecond = grown(bySecond);
    }
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, size * 2);
    }
    entries[size] = entry;
    place(byFirst, firstHash, size);
    place(bySecond, secondHash, size);
    size++;
    return 0;
  }

  /** Takes back the newest addition, {@code change}. */
  @Override
  public void reverse(Object change, boolean added) {
    int last = size - 1;
    if (!added || last < 0 || entries[last] != change) {
      throw new IllegalStateException("only the newest entry can be taken back");
    }
    Keyed entry = (Keyed) change;
    delete(byFirst, find(byFirst, entry.firstKey(), hash(entry.firstKey()), true, last));
    delete(bySecond, find(bySecond, entry.secondKey(), hash(entry.secondKey()), false, last));
    entries[last] = null;
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
        Keyed entry = (Keyed) Objects.requireNonNull(entries[position]);
        if (key.equals(first ? entry.firstKey() : entry.secondKey())) {
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
