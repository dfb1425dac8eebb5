package dev.referral.core.store.memory;

import java.time.Instant;
import java.util.Arrays;

/**
 * The in-memory store's follow-ups in the order a dispatcher may claim them: a binary min-heap of
 * (instant, follow-up id, position in the follow-up table) in four arrays, 20 bytes an entry and no
 * object of its own, ordered by instant, then by id.
 *
 * <p>Entries are only added ({@link #add}, at no cost to the undo log) and taken from the top
 * ({@link #poll}, recorded in the undo log). A follow-up whose time changes gets a new entry and
 * keeps its old one, which is then <em>stale</em>: its owner tells stale entries apart (the
 * follow-up at the position no longer has that instant) and drops them when they reach the top. An
 * entry can also appear twice (a follow-up that went back to an earlier time), which its owner
 * tells too. An entry keeps the id it was added with, so that its order does not change when its
 * position is taken by another follow-up (after the addition was taken back). Adding to a heap
 * costs about two comparisons on average, against a walk down a tree and an entry object per
 * follow-up for a sorted set.
 *
 * <p>Not thread-safe: used under the store's lock.
 */
final class DueHeap implements UndoLog.Reversible {
  private long[] seconds = new long[64];
  private int[] nanos = new int[64];
  private int[] positions = new int[64];
  private String[] ids = new String[64];
  private int size;

  /** An entry taken from the top, for the undo log. */
  private record Polled(long seconds, int nanos, String id, int position) {}

  /** An empty heap. */
  DueHeap() {}

  /** How many entries, stale ones included. */
  int size() {
    return size;
  }

  /** Adds an entry for follow-up {@code id}, at {@code position}, claimable at {@code at}. */
  void add(Instant at, String id, int position) {
    add(at.getEpochSecond(), at.getNano(), id, position);
  }

  private void add(long s, int n, String id, int position) {
    if (size == positions.length) {
      int capacity = size * 2;
      seconds = Arrays.copyOf(seconds, capacity);
      nanos = Arrays.copyOf(nanos, capacity);
      positions = Arrays.copyOf(positions, capacity);
      ids = Arrays.copyOf(ids, capacity);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compare(s, n, id, parent) >= 0) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, s, n, id, position);
  }

  /** The top entry's instant: whether it is after {@code at}. Requires {@code size() > 0}. */
  boolean isTopAfter(Instant at) {
    return isAfter(seconds[0], nanos[0], at);
  }

  /** Whether the top entry is at {@code at}. Requires {@code size() > 0}. */
  boolean isTopAt(Instant at) {
    return seconds[0] == at.getEpochSecond() && nanos[0] == at.getNano();
  }

  /** The top entry's position. Requires {@code size() > 0}. */
  int topPosition() {
    return positions[0];
  }

  /** The top entry's follow-up id. Requires {@code size() > 0}. */
  String topId() {
    return ids[0];
  }

  /** Takes the top entry out, recording it in {@code undo}. Requires {@code size() > 0}. */
  void poll(UndoLog undo) {
    undo.reversible(this, new Polled(seconds[0], nanos[0], ids[0], positions[0]), false);
    int last = --size;
    long s = seconds[last];
    int n = nanos[last];
    String id = ids[last];
    int position = positions[last];
    ids[last] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && compareAt(child + 1, child) < 0) {
        child++;
      }
      if (compare(s, n, id, child) <= 0) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, s, n, id, position);
  }

  /** Puts back an entry that {@link #poll} took out. */
  @Override
  public void reverse(Object change, boolean added) {
    Polled p = (Polled) change;
    add(p.seconds(), p.nanos(), p.id(), p.position());
  }

  /**
   * The order of time-keyed entries, an instant as its epoch seconds and nanoseconds then an id: by
   * instant, then by id. The store's other time-ordered indexes order their keys the same way.
   */
  static int order(long s, int n, String id, long otherS, int otherN, String otherId) {
    int c = Long.compare(s, otherS);
    if (c == 0) {
      c = Integer.compare(n, otherN);
    }
    return c != 0 ? c : id.compareTo(otherId);
  }

  /**
   * Whether the instant of epoch seconds {@code s} and nanoseconds {@code n} is after {@code at}.
   */
  static boolean isAfter(long s, int n, Instant at) {
    return s > at.getEpochSecond() || (s == at.getEpochSecond() && n > at.getNano());
  }

  private int compare(long s, int n, String id, int at) {
    return order(s, n, id, seconds[at], nanos[at], ids[at]);
  }

  private int compareAt(int a, int b) {
    return compare(seconds[a], nanos[a], ids[a], b);
  }

  private void move(int from, int to) {
    seconds[to] = seconds[from];
    nanos[to] = nanos[from];
    positions[to] = positions[from];
    ids[to] = ids[from];
  }

  private void set(int i, long s, int n, String id, int position) {
    seconds[i] = s;
    nanos[i] = n;
    ids[i] = id;
    positions[i] = position;
  }
}
