package dev.referral.core.store.memory;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values in the order added, each found by two keys (an id, which its updates keep, and a key fixed
 * when it was added) through two {@link PositionIndex}es. An entry costs no object of its own: the
 * values and their second keys sit in two arrays by position. Values are replaced in place ({@link
 * #set}) and leave only through the undo log, newest first ({@link #reverse}), so positions stay
 * dense and other indexes can hold them.
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
  private final PositionIndex byFirst =
      new PositionIndex() {
        @Override
        boolean isKeyAt(int position, Object key) {
          return key.equals(firstKey.apply(get(position)));
        }
      };
  private final PositionIndex bySecond =
      new PositionIndex() {
        @Override
        boolean isKeyAt(int position, Object key) {
          return key.equals(secondKeys[position]);
        }
      };

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
    return byFirst.find(key, PositionIndex.hash(key));
  }

  /** The position of the value whose second key equals {@code key}, or -1. */
  int findSecond(Object key) {
    return bySecond.find(key, PositionIndex.hash(key));
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
    int firstHash = PositionIndex.hash(first);
    int secondHash = PositionIndex.hash(secondKey);
    int taken =
        (byFirst.find(first, firstHash) >= 0 ? FIRST_TAKEN : 0)
            | (bySecond.find(secondKey, secondHash) >= 0 ? SECOND_TAKEN : 0);
    if (taken != 0) {
      return -taken;
    }
    int size = size();
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      secondKeys = Arrays.copyOf(secondKeys, size * 2);
    }
    values[size] = value;
    secondKeys[size] = secondKey;
    byFirst.append(firstHash);
    bySecond.append(secondHash);
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
    secondKeys[last] = null;
  }
}
