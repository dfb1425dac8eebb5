package dev.referral.core.store.memory;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.RewardGranted;
import dev.referral.core.event.RewardIssued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory store's event log, kept compact: the log is read rarely (replays, reports) and
 * written on every command, so it holds events in the form that costs the least heap and rebuilds
 * them on read.
 *
 * <ul>
 *   <li>Ids in the form the shipped generators make ({@code E-} and up to 13 base-36 digits) are
 *       held as a {@code long}, not as an {@link EventId}, a {@link String} and its bytes.
 *   <li>The most frequent events (a lead referred, moved, converted; a reward granted, issued) are
 *       held as small objects without their id object; the others as they came.
 *   <li>The index by id is an open-addressing table of positions, each beside its id's hash so that
 *       a probe reads no event unless the hashes match, not a map of entries.
 * </ul>
 *
 * <p>Appends are undone newest first ({@link #reverse}). Not thread-safe: used under the store's
 * lock.
 */
final class CompactEventLog implements UndoLog.Reversible {
  private static final String PREFIX = "E-";
  private static final int MAX_DIGITS = 13; // 36^13 > 2^64
  private static final long NOT_PACKED = -1; // a valid id too; see packedId

  private Object[] entries = new Object[64];
  private int size;
  // (position + 1) << 32 | the id's hash; 0 for a free slot.
  private long[] index = new long[128];
  private int mask = index.length - 1;

  /** Whether an event with {@code id} is in the log. */
  boolean contains(EventId id) {
    return slotOf(id.value()) >= 0;
  }

  /** Appends {@code event}; the caller checked that its id is new. */
  void append(ReferralEvent event) {
    if ((size + 1) * 4L > index.length * 3L) {
      rehash(index.length * 2);
    }
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, size + (size >> 1));
    }
    String id = event.id().value();
    long bits = packedId(id);
    Object entry = event;
    if (bits != NOT_PACKED || isPackable(id)) {
      Object packed = pack(event, bits);
      if (packed != null) {
        entry = packed;
      }
    }
    entries[size] = entry;
    place(hash(id, bits), size);
    size++;
  }

  /** Takes the newest event out, undoing its {@link #append}. */
  @Override
  public void reverse(Object change, boolean added) {
    if (!added || size == 0 || !((ReferralEvent) change).id().equals(idOf(entries[size - 1]))) {
      throw new IllegalStateException("undo out of order: " + change + " is not the newest event");
    }
    removeLast();
  }

  private static EventId idOf(Object entry) {
    return entry instanceof Packed p ? EventId.of(unpackId(p.id)) : ((ReferralEvent) entry).id();
  }

  private void removeLast() {
    int position = size - 1;
    int slot = hashOf(entries[position]) & mask;
    while (positionAt(slot) != position) {
      slot = (slot + 1) & mask;
    }
    // The newest entry took the first free slot of its probe chain, after every other entry:
    // freeing the slot gives back the table as it was before the append.
    index[slot] = 0;
    entries[position] = null;
    size = position;
  }

  /** The event with {@code id}, if any. */
  Optional<ReferralEvent> find(EventId id) {
    int slot = slotOf(id.value());
    return slot < 0 ? Optional.empty() : Optional.of(unpack(entries[positionAt(slot)]));
  }

  /** Events with {@code from <= at < to}, in the order appended. */
  List<ReferralEvent> between(Instant from, Instant to) {
    List<ReferralEvent> found = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Instant at = atOf(entries[i]);
      if (!at.isBefore(from) && at.isBefore(to)) {
        found.add(unpack(entries[i]));
      }
    }
    return found;
  }

  private int slotOf(String id) {
    long bits = packedId(id);
    boolean packable = bits != NOT_PACKED || isPackable(id);
    int hash = hash(id, bits);
    int slot = hash & mask;
    while (index[slot] != 0) {
      if ((int) index[slot] == hash) {
        Object entry = entries[positionAt(slot)];
        boolean same =
            entry instanceof Packed p
                ? packable && p.id == bits
                : ((ReferralEvent) entry).id().value().equals(id);
        if (same) {
          return slot;
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private int positionAt(int slot) {
    return (int) (index[slot] >>> 32) - 1;
  }

  private void place(int hash, int position) {
    int slot = hash & mask;
    while (index[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    index[slot] = (long) (position + 1) << 32 | (hash & 0xFFFF_FFFFL);
  }

  private void rehash(int capacity) {
    index = new long[capacity];
    mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      place(hashOf(entries[i]), i);
    }
  }

  private static int hashOf(Object entry) {
    if (entry instanceof Packed p) {
      return mix(p.id);
    }
    String id = ((ReferralEvent) entry).id().value();
    return hash(id, packedId(id));
  }

  /** A hash of an id that depends on its text only: packable ids hash by their number. */
  private static int hash(String id, long bits) {
    return bits != NOT_PACKED || isPackable(id) ? mix(bits) : mix(id.hashCode());
  }

  private static int mix(long h) {
    long x = h * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32));
  }

  /**
   * The number in an id of the form {@code E-<base-36 digits>}, or {@link #NOT_PACKED}: for an id
   * of another form, and for the one id whose number is that value ({@link #isPackable} tells).
   */
  static long packedId(String id) {
    int length = id.length();
    if (length <= PREFIX.length()
        || length > PREFIX.length() + MAX_DIGITS
        || !id.startsWith(PREFIX)
        || (id.charAt(PREFIX.length()) == '0' && length > PREFIX.length() + 1)) {
      return NOT_PACKED;
    }
    for (int i = PREFIX.length(); i < length; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return NOT_PACKED;
      }
    }
    try {
      return Long.parseUnsignedLong(id, PREFIX.length(), length, 36);
    } catch (NumberFormatException tooLarge) {
      return NOT_PACKED;
    }
  }

  private static final String NOT_PACKED_TEXT = unpackId(NOT_PACKED);

  private static boolean isPackable(String id) {
    return id.equals(NOT_PACKED_TEXT);
  }

  static String unpackId(long bits) {
    return PREFIX + Long.toUnsignedString(bits, 36).toUpperCase(Locale.ROOT);
  }

  private static Instant atOf(Object entry) {
    return entry instanceof Packed p ? p.at : ((ReferralEvent) entry).at();
  }

  private static @Nullable Packed pack(ReferralEvent event, long id) {
    if (event instanceof LeadMoved e) {
      return new Moved(id, e);
    } else if (event instanceof LeadReferred e) {
      return new Referred(id, e);
    } else if (event instanceof LeadConverted e) {
      return new Converted(id, e);
    } else if (event instanceof RewardGranted e) {
      return new Granted(id, e);
    } else if (event instanceof RewardIssued e) {
      return new Issued(id, e);
    }
    return null;
  }

  private static ReferralEvent unpack(Object entry) {
    return entry instanceof Packed p ? p.unpack(EventId.of(unpackId(p.id))) : (ReferralEvent) entry;
  }

  /** An event held without its id object. */
  private abstract static class Packed {
    final long id;
    final Instant at;

    Packed(long id, Instant at) {
      this.id = id;
      this.at = at;
    }

    abstract ReferralEvent unpack(EventId eventId);
  }

  private static final class Referred extends Packed {
    final LeadId leadId;
    final ReferrerId referrerId;
    final ReferralCode code;
    final String source;

    Referred(long id, LeadReferred e) {
      super(id, e.at());
      leadId = e.leadId();
      referrerId = e.referrerId();
      code = e.code();
      source = e.source();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new LeadReferred(eventId, at, leadId, referrerId, code, source);
    }
  }

  private static final class Moved extends Packed {
    final LeadId leadId;
    final ReferrerId referrerId;
    final LeadStatus from;
    final LeadStatus to;
    final String note;

    Moved(long id, LeadMoved e) {
      super(id, e.at());
      leadId = e.leadId();
      referrerId = e.referrerId();
      from = e.from();
      to = e.to();
      note = e.note();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new LeadMoved(eventId, at, leadId, referrerId, from, to, note);
    }
  }

  private static final class Converted extends Packed {
    final LeadId leadId;
    final ReferrerId referrerId;
    final LeadStatus from;
    final Purchase purchase;

    Converted(long id, LeadConverted e) {
      super(id, e.at());
      leadId = e.leadId();
      referrerId = e.referrerId();
      from = e.from();
      purchase = e.purchase();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new LeadConverted(eventId, at, leadId, referrerId, from, purchase);
    }
  }

  private static final class Granted extends Packed {
    final RewardId rewardId;
    final long causedBy;
    final @Nullable EventId causedByEvent; // when its id does not pack
    final ReferrerId referrerId;
    final Optional<LeadId> leadId;
    final Beneficiary beneficiary;
    final Incentive incentive;
    final Optional<Money> value;
    final String reason;
    final RewardStatus status;

    Granted(long id, RewardGranted e) {
      super(id, e.at());
      rewardId = e.rewardId();
      long cause = packedId(e.causedBy().value());
      boolean packs = cause != NOT_PACKED || isPackable(e.causedBy().value());
      causedBy = cause;
      causedByEvent = packs ? null : e.causedBy();
      referrerId = e.referrerId();
      leadId = e.leadId();
      beneficiary = e.beneficiary();
      incentive = e.incentive();
      value = e.value();
      reason = e.reason();
      status = e.status();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      EventId cause = causedByEvent != null ? causedByEvent : EventId.of(unpackId(causedBy));
      return new RewardGranted(
          eventId,
          at,
          rewardId,
          cause,
          referrerId,
          leadId,
          beneficiary,
          incentive,
          value,
          reason,
          status);
    }
  }

  private static final class Issued extends Packed {
    final RewardId rewardId;
    final ReferrerId referrerId;
    final Optional<LeadId> leadId;
    final Beneficiary beneficiary;
    final Incentive incentive;
    final Optional<Money> value;

    Issued(long id, RewardIssued e) {
      super(id, e.at());
      rewardId = e.rewardId();
      referrerId = e.referrerId();
      leadId = e.leadId();
      beneficiary = e.beneficiary();
      incentive = e.incentive();
      value = e.value();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new RewardIssued(
          eventId, at, rewardId, referrerId, leadId, beneficiary, incentive, value);
    }
  }
}
