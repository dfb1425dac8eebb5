package dev.referral.core.store.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The undo log of the in-memory store's transaction: each write records how to take it back, as an
 * operation code and up to three references in one growing array, so that recording a write
 * allocates nothing (no closure per write). One log serves every transaction of a store, one at a
 * time; {@link #clear()} commits, {@link #rollback()} undoes the writes, newest first.
 *
 * <p>Not thread-safe: used under the store's lock.
 */
final class UndoLog {

  /** How to take back one write; {@code target}, {@code a} and {@code b} as recorded. */
  private enum Op {
    /** {@code target} map had {@code b} (null: nothing) at key {@code a}. */
    RESTORE_ENTRY {
      @Override
      @SuppressWarnings("unchecked")
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        Map<Object, Object> map = (Map<Object, Object>) target;
        if (b == null) {
          map.remove(a);
        } else {
          map.put(a, b);
        }
      }
    },
    /** {@code a} was added to set {@code target}. */
    REMOVE_ELEMENT {
      @Override
      @SuppressWarnings("unchecked")
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        ((Set<Object>) target).remove(a);
      }
    },
    /** {@code a} was removed from set {@code target}. */
    ADD_ELEMENT {
      @Override
      @SuppressWarnings("unchecked")
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        ((Set<Object>) target).add(a);
      }
    },
    /**
     * An element was appended to list {@code a}, the value of key {@code b} in map {@code target}
     * (null: a list that belongs to no map); the list leaves the map when it empties.
     */
    REMOVE_LAST {
      @Override
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        List<?> list = (List<?>) a;
        list.remove(list.size() - 1);
        if (b != null && list.isEmpty()) {
          ((Map<?, ?>) target).remove(b);
        }
      }
    },
    /** {@code target} made change {@code a}, an addition when {@code b} is true. */
    REVERSE {
      @Override
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        ((Reversible) target).reverse(Objects.requireNonNull(a), Boolean.TRUE.equals(b));
      }
    },
    /** Any other write: {@code target} undoes it. */
    RUN {
      @Override
      void undo(Object target, @Nullable Object a, @Nullable Object b) {
        ((Runnable) target).run();
      }
    };

    abstract void undo(Object target, @Nullable Object a, @Nullable Object b);
  }

  /** A structure that takes back its own changes. */
  interface Reversible {
    /** Takes back {@code change}: an addition when {@code added}, else a removal. */
    void reverse(Object change, boolean added);
  }

  private static final int SLOTS = 4;

  private @Nullable Object[] entries = new Object[SLOTS * 64];
  private int size;

  /** An empty log. */
  UndoLog() {}

  private void push(Op op, Object target, @Nullable Object a, @Nullable Object b) {
    int at = size * SLOTS;
    if (at == entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
    }
    entries[at] = op;
    entries[at + 1] = target;
    entries[at + 2] = a;
    entries[at + 3] = b;
    size++;
  }

  /** Puts {@code value} in {@code map} at {@code key}, recording the previous value. */
  <K, V> void put(Map<K, V> map, K key, V value) {
    push(Op.RESTORE_ENTRY, map, key, map.put(key, value));
  }

  /** Removes {@code key} from {@code map}, recording the removed value. */
  <K, V> void remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      push(Op.RESTORE_ENTRY, map, key, previous);
    }
  }

  /** Adds {@code element} to {@code set} unless present, recording the addition. */
  <E> void add(Set<E> set, E element) {
    if (set.add(element)) {
      push(Op.REMOVE_ELEMENT, set, element, null);
    }
  }

  /** Removes {@code element} from {@code set} if present, recording the removal. */
  <E> void removeFrom(Set<E> set, E element) {
    if (set.remove(element)) {
      push(Op.ADD_ELEMENT, set, element, null);
    }
  }

  /**
   * Appends {@code value} to the list at {@code key} in {@code index}, creating the list; undoing
   * removes the value and the emptied list.
   */
  <K, V> void append(Map<K, List<V>> index, K key, V value) {
    List<V> list = index.get(key);
    if (list == null) {
      list = new ArrayList<>(2);
      index.put(key, list);
    }
    list.add(value);
    push(Op.REMOVE_LAST, index, list, key);
  }

  /** Appends {@code value} to {@code list}; undoing removes it. */
  <V> void append(List<V> list, V value) {
    list.add(value);
    push(Op.REMOVE_LAST, list, list, null);
  }

  /** Records that {@code target} made {@code change}; undoing calls {@link Reversible#reverse}. */
  void reversible(Reversible target, Object change, boolean added) {
    push(Op.REVERSE, target, change, added);
  }

  /** Records a write that {@code undo} takes back. */
  void record(Runnable undo) {
    push(Op.RUN, undo, null, null);
  }

  /** Takes back every recorded write, newest first, and empties the log. */
  void rollback() {
    while (size > 0) {
      size--;
      int at = size * SLOTS;
      Op op = (Op) entries[at];
      Object target = entries[at + 1];
      Object a = entries[at + 2];
      Object b = entries[at + 3];
      Arrays.fill(entries, at, at + SLOTS, null);
      op.undo(target, a, b);
    }
  }

  /** Forgets the recorded writes: the transaction committed. */
  void clear() {
    Arrays.fill(entries, 0, size * SLOTS, null);
    size = 0;
    if (entries.length > SLOTS * 4096) {
      entries = new Object[SLOTS * 64]; // a large transaction does not pin a large array
    }
  }
}
