package dev.referral.core.store.memory;

import java.util.Arrays;

/**
 * An open-addressing index of the positions of a dense array of entries by their keys' hashes, for
 * the in-memory store's tables and event log: their probing in one place. Positions are appended
 * ({@link #appendWhereRunEnded}) and taken back newest first ({@link #removeLast}), like the
 * entries, which the undo log takes back in that order.
 *
 * <p>A slot is an {@code int}: the key's hash with its low bits (the mask's) replaced by position +
 * 1, and 0 when free. The index is at most 3/4 full, so position + 1 fits under the mask, and the
 * hash bits above it tell most keys apart without reading their entries. Each position's whole hash
 * is kept beside, in position order, so that growing reads no entry.
 *
 * <p>The index never sees a key. Its owner computes the hash ({@link #spread} of the key's hash
 * code) and compares the keys of the candidate positions that the index yields ({@link #first},
 * then {@link #next}), in its own code: each table's hashing and key comparison stay with the key
 * types it holds, where the JIT compiler sees one or two of them, instead of every key type of the
 * store meeting at one call site in the index.
 *
 * <p>Not thread-safe: used under the store's lock.
 */
final class PositionIndex {
  private int[] slots = new int[32];
  private int mask = slots.length - 1;
  private int[] hashes = new int[16];
  private int count;
  private int cursor; // the slot of the probe run in progress (first, next)

  /** The hash under which an index finds a key with hash code {@code hashCode}, spread. */
  static int spread(int hashCode) {
    int h = hashCode * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** How many positions are indexed: 0 to {@code count() - 1}. */
  int count() {
    return count;
  }

  /**
   * Starts a probe run for {@code hash}: the first position indexed under a hash that may be {@code
   * hash}, or -1 if there is none. The owner compares that position's key and, if it is not the
   * one, asks for the {@link #next} candidate.
   */
  int first(int hash) {
    cursor = hash & mask;
    return scan(hash);
  }

  /** The next candidate position of the probe run for {@code hash}, or -1 at its end. */
  int next(int hash) {
    cursor = (cursor + 1) & mask;
    return scan(hash);
  }

  private int scan(int hash) {
    int[] slots = this.slots;
    int mask = this.mask;
    for (int slot = cursor; ; slot = (slot + 1) & mask) {
      int s = slots[slot];
      if (s == 0) {
        cursor = slot;
        return -1;
      }
      if (((s ^ hash) & ~mask) == 0) {
        cursor = slot;
        return (s & mask) - 1;
      }
    }
  }

  /**
   * Makes room for one more position, so that a probe run that ends without finding its key can
   * index the new position where it ended ({@link #appendWhereRunEnded}): call before {@link
   * #first}.
   */
  void reserve() {
    if ((count + 1) * 4L > slots.length * 3L) {
      grow();
    }
  }

  /**
   * Indexes the next position, {@link #count()}, under {@code hash} in the free slot that ended the
   * probe run for {@code hash} just made (after {@link #reserve}): one probe run to look for a key
   * and to add it. The caller puts the entry at that position.
   */
  void appendWhereRunEnded(int hash) {
    if (slots[cursor] != 0) {
      throw new IllegalStateException("the probe run did not end at a free slot");
    }
    appendAt(cursor, hash);
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
  void removeLast() {
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
