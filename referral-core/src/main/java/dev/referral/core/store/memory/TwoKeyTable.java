package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values in the order added, each found by two keys (an id, which its updates keep, and a key fixed
 * when it was added) through two {@link PositionIndex}es. An entry costs no object of its own: the
 * values and their two keys sit in three arrays by position, so that look-ups compare keys without
 * reading values. Values are replaced in place ({@link #set}) and leave only through the undo log,
 * newest first ({@link #reverse}), so positions stay dense and other indexes can hold them.
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
  private @Nullable Object[] firstKeys = new Object[16];
  private @Nullable Object[] secondKeys = new Object[16];
  private final PositionIndex byFirst = new PositionIndex();
  private final PositionIndex bySecond = new PositionIndex();

  /** An empty table whose values' first key is {@code firstKey}. */
  TwoKeyTable(Function<V, Object> firstKey) {
    this.firstKey = firstKey;
  }

  /** How many values. */
  int size() {
    return byFirst.count();
  }

  /** The value at {@code position}, {@code 0 <= position < size()}, in the order added. */
  @SuppressWarnings("unchecked")
  V get(int position) {
    return (V) Objects.requireNonNull(values[position]);
  }

  /** The position of the value whose first key equals {@code key}, or -1. */
  int findFirst(Object key) {
    return findFirst(key, PositionIndex.spread(key.hashCode()));
  }

  /** The position of the value whose second key equals {@code key}, or -1. */
  int findSecond(Object key) {
    return findSecond(key, PositionIndex.spread(key.hashCode()));
  }

  // The two look-ups are two loops, not one with the keys' array as a parameter, so that each key
  // comparison sees one kind of key.

  private int findFirst(Object key, int hash) {
    for (int p = byFirst.first(hash); p >= 0; p = byFirst.next(hash)) {
      if (key.equals(firstKeys[p])) {
        return p;
      }
    }
    return -1;
  }

  private int findSecond(Object key, int hash) {
    for (int p = bySecond.first(hash); p >= 0; p = bySecond.next(hash)) {
      if (key.equals(secondKeys[p])) {
        return p;
      }
    }
    return -1;
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
    int firstHash = PositionIndex.spread(first.hashCode());
    int secondHash = PositionIndex.spread(secondKey.hashCode());
    byFirst.reserve();
    bySecond.reserve();
    int taken =
        (findFirst(first, firstHash) >= 0 ? FIRST_TAKEN : 0)
            | (findSecond(secondKey, secondHash) >= 0 ? SECOND_TAKEN : 0);
    if (taken != 0) {
      return -taken;
    }
    // Both probe runs ended at a free slot: the new position goes there, without probing again.
    int size = size();
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      firstKeys = Arrays.copyOf(firstKeys, size * 2);
      secondKeys = Arrays.copyOf(secondKeys, size * 2);
    }
    values[size] = value;
    firstKeys[size] = first;
    secondKeys[size] = secondKey;
    byFirst.appendWhereRunEnded(firstHash);
    bySecond.appendWhereRunEnded(secondHash);
    return size;
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
    if (!added) {
      values[findFirst(firstKey.apply((V) change))] = change;
      return;
    }
    int last = size() - 1;
    if (last < 0 || values[last] != change) {
      throw new IllegalStateException("only the newest value can be taken back");
    }
    byFirst.removeLast();
    bySecond.removeLast();
    values[last] = null;
    firstKeys[last] = null;
    secondKeys[last] = null;
  }
}
