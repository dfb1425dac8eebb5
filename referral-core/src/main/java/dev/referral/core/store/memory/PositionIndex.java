package dev.referral.core.store.memory;

import java.util.Arrays;

/**
 * An open-addressing index of the positions of a dense array of entries by their keys' hashes, for
 * the in-memory store's tables and event log: their probing in one place. Positions are appended
 * ({@link #append}) and taken back newest first ({@link #removeLast}), like the entries, which the
 * undo log takes back in that order.
 *
 * <p>A slot is an {@code int}: the key's hash with its low bits (the mask's) replaced by position +
 * 1, and 0 when free. The index is at most 3/4 full, so position + 1 fits under the mask, and the
 * hash bits above it tell most keys apart without reading their entries. Each position's whole hash
 * is kept beside, in position order, so that growing reads no entry.
 *
 * <p>Not thread-safe: used under the store's lock.
 */
abstract class PositionIndex {
  private int[] slots = new int[32];
  private int mask = slots.length - 1;
  private int[] hashes = new int[16];
  private int count;

  /** Whether the entry at {@code position} has key {@code key}. */
  abstract boolean isKeyAt(int position, Object key);

  /** The hash under which an index finds {@code key}: its hash code, spread over the bits. */
  static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** How many positions are indexed: 0 to {@code count() - 1}. */
  final int count() {
    return count;
  }

  /** The position of the entry with {@code key}, indexed under {@code hash}, or -1. */
  final int find(Object key, int hash) {
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int s = slots[slot];
      if (s == 0) {
        return -1;
      }
      if (((s ^ hash) & ~mask) == 0 && isKeyAt((s & mask) - 1, key)) {
        return (s & mask) - 1;
      }
    }
  }

  /** Indexes the next position, {@link #count()}, under {@code hash}. */
  final void append(int hash) {
    if ((count + 1) * 4L > slots.length * 3L) {
      grow();
    }
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    appendAt(slot, hash);
  }

  /**
   * The position of the entry with {@code key}, indexed under {@code hash}; if there is none, -1,
   * after indexing the next position, {@link #count()}, under {@code hash} in the free slot that
   * ended the search: one probe run for both. The caller puts the entry at that position.
   */
  final int findOrAppend(Object key, int hash) {
    if ((count + 1) * 4L > slots.length * 3L) {
      grow();
    }
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int s = slots[slot];
      if (s == 0) {
        appendAt(slot, hash);
        return -1;
      }
      if (((s ^ hash) & ~mask) == 0 && isKeyAt((s & mask) - 1, key)) {
        return (s & mask) - 1;
      }
    }
  }

  private void appendAt(int slot, int hash) {
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, count + (count >> 1));
    }
    hashes[count] = hash;
    slots[slot] = (hash & ~mask) | (count + 1);
    count++;
  }

  /** Takes the newest position out of the index. */
  final void removeLast() {
    int position = count - 1;
    int slot = hashes[position] & mask;
    while ((slots[slot] & mask) != position + 1) {
      if (slots[slot] == 0) {
        throw new IllegalStateException("position " + position + " is not indexed");
      }
      slot = (slot + 1) & mask;
    }
    // The newest position took the first free slot of its probe run after every other position
    // was placed (growing places them again in position order): no later slot of the run probed
    // past it, so freeing it gives back the index as it was before the append.
    slots[slot] = 0;
    count = position;
  }

  private void place(int hash, int position) {
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = (hash & ~mask) | (position + 1);
  }

  private void grow() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int position = 0; position < count; position++) {
      place(hashes[position], position);
    }
  }
}
