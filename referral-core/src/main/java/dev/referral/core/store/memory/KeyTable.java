package dev.referral.core.store.memory;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Values by text keys, for the in-memory store's index of leads by identity key: keys and values in
 * two arrays, found through a {@link PositionIndex}, without the entry object per key of a {@code
 * HashMap}. Writes record themselves in the store's undo log and are taken back by {@link
 * #reverse}, newest first.
 *
 * <p>Not thread-safe: used under the store's lock.
 *
 * @param <V> the values
 */
final class KeyTable<V> implements UndoLog.Reversible {
  private final UndoLog undo;
  private @Nullable String[] keys = new String[16];
  private @Nullable Object[] values = new Object[16];
  private final PositionIndex index = new PositionIndex();

  /** A value replaced at a position, for the undo log. */
  private record Replaced(int position, Object previous) {}

  /** An empty table writing through {@code undo}. */
  KeyTable(UndoLog undo) {
    this.undo = undo;
  }

  /** The value of {@code key}, or null. */
  @Nullable V get(String key) {
    int position = find(key, PositionIndex.spread(key.hashCode()));
    return position < 0 ? null : valueAt(position);
  }

  /** The position of {@code key}, whose hash is {@code hash}, or -1. */
  private int find(String key, int hash) {
    for (int p = index.first(hash); p >= 0; p = index.next(hash)) {
      if (key.equals(keys[p])) {
        return p;
      }
    }
    return -1;
  }

  /** Gives {@code key} the value {@code value}, recording the write. */
  void put(String key, V value) {
    int hash = PositionIndex.spread(key.hashCode());
    index.reserve();
    int position = find(key, hash);
    if (position >= 0) {
      undo.reversible(this, new Replaced(position, values[position]), false);
      values[position] = value;
      return;
    }
    position = index.count();
    if (position == keys.length) {
      keys = Arrays.copyOf(keys, position + (position >> 1));
      values = Arrays.copyOf(values, keys.length);
    }
    keys[position] = key;
    values[position] = value;
    index.appendWhereRunEnded(hash);
    undo.reversible(this, key, true);
  }

  /** Takes back the newest key's addition, or a replaced value. */
  @Override
  public void reverse(Object change, boolean added) {
    if (change instanceof Replaced r) {
      values[r.position()] = r.previous();
      return;
    }
    int last = index.count() - 1;
    if (!added || last < 0 || !change.equals(keys[last])) {
      throw new IllegalStateException("undo out of order: " + change + " is not the newest key");
    }
    index.removeLast();
    keys[last] = null;
    values[last] = null;
  }

  @SuppressWarnings("unchecked")
  private V valueAt(int position) {
    return (V) values[position];
  }
}
