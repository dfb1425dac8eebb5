package dev.referral.core.store.memory;

import dev.referral.core.Beneficiary;
import dev.referral.core.EventId;
import dev.referral.core.Incentive;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
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
import java.util.Set;
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
 *       held as small objects without their id object, their instants as {@link EpochNanos} and a
 *       conversion's purchase as its fields; the others, and those with an instant out of that
 *       range, as they came.
 *   <li>The index by id is a {@link PositionIndex} of positions, not a map of entries.
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
  private final PositionIndex index = new PositionIndex();

  /** Whether an event with {@code id} is in the log. */
  boolean contains(EventId id) {
    return positionOf(id.value()) >= 0;
  }

  /**
   * Appends {@code event} unless an event with its id is in the log: one probe of the index for
   * both.
   *
   * @return whether it was appended
   */
  boolean appendIfAbsent(ReferralEvent event) {
    int size = index.count();
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
    int hash = hash(id, bits);
    index.reserve();
    if (positionOf(id, bits, hash) >= 0) {
      return false;
    }
    index.appendWhereRunEnded(hash);
    entries[size] = entry; // at the position just indexed
    return true;
  }

  /**
   * Appends {@code event}, whose id the caller checked is new.
   *
   * @throws IllegalStateException if an event with its id is in the log
   */
  void append(ReferralEvent event) {
    if (!appendIfAbsent(event)) {
      throw new IllegalStateException("event id " + event.id() + " is in the log");
    }
  }

  /** Takes the newest event out, undoing its {@link #append}. */
  @Override
  public void reverse(Object change, boolean added) {
    int last = index.count() - 1;
    if (!added || last < 0 || !((ReferralEvent) change).id().equals(idOf(entries[last]))) {
      throw new IllegalStateException("undo out of order: " + change + " is not the newest event");
    }
    index.removeLast();
    entries[last] = null;
  }

  private static EventId idOf(Object entry) {
    return entry instanceof Packed p ? EventId.of(unpackId(p.id)) : ((ReferralEvent) entry).id();
  }

  /** The event with {@code id}, if any. */
  Optional<ReferralEvent> find(EventId id) {
    int position = positionOf(id.value());
    return position < 0 ? Optional.empty() : Optional.of(unpack(entries[position]));
  }

  /** Events with {@code from <= at < to}, in the order appended. */
  List<ReferralEvent> between(Instant from, Instant to) {
    List<ReferralEvent> found = new ArrayList<>();
    for (int i = 0; i < index.count(); i++) {
      Object entry = entries[i];
      boolean within =
          entry instanceof Packed p
              ? p.isWithin(from, to)
              : !((ReferralEvent) entry).at().isBefore(from)
                  && ((ReferralEvent) entry).at().isBefore(to);
      if (within) {
        found.add(unpack(entry));
      }
    }
    return found;
  }

  private int positionOf(String id) {
    long bits = packedId(id);
    return positionOf(id, bits, hash(id, bits));
  }

  /** The position of the event with {@code id}, whose packed form is {@code bits}, or -1. */
  private int positionOf(String id, long bits, int hash) {
    boolean packable = bits != NOT_PACKED || isPackable(id);
    for (int p = index.first(hash); p >= 0; p = index.next(hash)) {
      if (entries[p] instanceof Packed packed
          ? packable && packed.id == bits
          : ((ReferralEvent) entries[p]).id().value().equals(id)) {
        return p;
      }
    }
    return -1;
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

  private static @Nullable Packed pack(ReferralEvent event, long id) {
    if (event instanceof RewardGranted e) {
      return new Granted(id, e);
    } else if (event instanceof RewardIssued e) {
      return new Issued(id, e);
    }
    long at = EpochNanos.of(event.at());
    if (at == EpochNanos.NONE) {
      return null;
    }
    if (event instanceof LeadMoved e) {
      return new Moved(id, at, e);
    } else if (event instanceof LeadReferred e) {
      return new Referred(id, at, e);
    } else if (event instanceof LeadConverted e) {
      long purchasedAt = EpochNanos.of(e.purchase().at());
      return purchasedAt == EpochNanos.NONE ? null : new Converted(id, at, e, purchasedAt);
    }
    return null;
  }

  private static ReferralEvent unpack(Object entry) {
    return entry instanceof Packed p ? p.unpack(EventId.of(unpackId(p.id))) : (ReferralEvent) entry;
  }

  /** An event held without its id object. */
  private abstract static class Packed {
    final long id;

    Packed(long id) {
      this.id = id;
    }

    abstract Instant at();

    /** Whether {@code from <= at < to}. */
    boolean isWithin(Instant from, Instant to) {
      Instant at = at();
      return !at.isBefore(from) && at.isBefore(to);
    }

    abstract ReferralEvent unpack(EventId eventId);
  }

  /**
   * An event of a lead, its instant as {@link EpochNanos}: the lead keeps no {@code Instant} to
   * share it with, unlike a reward.
   */
  private abstract static class LeadEvent extends Packed {
    final long at;

    LeadEvent(long id, long at) {
      super(id);
      this.at = at;
    }

    @Override
    final Instant at() {
      return EpochNanos.instant(at);
    }

    @Override
    final boolean isWithin(Instant from, Instant to) {
      return !EpochNanos.isBefore(at, from) && EpochNanos.isBefore(at, to);
    }
  }

  /** An event of a reward, its instant as given: the reward shares it. */
  private abstract static class RewardEvent extends Packed {
    final Instant at;

    RewardEvent(long id, Instant at) {
      super(id);
      this.at = at;
    }

    @Override
    final Instant at() {
      return at;
    }
  }

  private static final class Referred extends LeadEvent {
    final LeadId leadId;
    final ReferrerId referrerId;
    final ReferralCode code;
    final String source;

    Referred(long id, long at, LeadReferred e) {
      super(id, at);
      leadId = e.leadId();
      referrerId = e.referrerId();
      code = e.code();
      source = e.source();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new LeadReferred(eventId, at(), leadId, referrerId, code, source);
    }
  }

  private static final class Moved extends LeadEvent {
    final LeadId leadId;
    final ReferrerId referrerId;
    final LeadStatus from;
    final LeadStatus to;
    final String note;

    Moved(long id, long at, LeadMoved e) {
      super(id, at);
      leadId = e.leadId();
      referrerId = e.referrerId();
      from = e.from();
      to = e.to();
      note = e.note();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      return new LeadMoved(eventId, at(), leadId, referrerId, from, to, note);
    }
  }

  private static final class Converted extends LeadEvent {
    final LeadId leadId;
    final ReferrerId referrerId;
    final LeadStatus from;
    // the purchase's fields
    final OrderId orderId;
    final Money amount;
    final long purchasedAt; // EpochNanos
    final Set<String> skus;
    final Set<String> categories;

    Converted(long id, long at, LeadConverted e, long purchasedAt) {
      super(id, at);
      leadId = e.leadId();
      referrerId = e.referrerId();
      from = e.from();
      Purchase purchase = e.purchase();
      orderId = purchase.orderId();
      amount = purchase.amount();
      this.purchasedAt = purchasedAt;
      skus = purchase.skus();
      categories = purchase.categories();
    }

    @Override
    ReferralEvent unpack(EventId eventId) {
      Purchase purchase =
          new Purchase(orderId, amount, EpochNanos.instant(purchasedAt), skus, categories);
      return new LeadConverted(eventId, at(), leadId, referrerId, from, purchase);
    }
  }

  private static final class Granted extends RewardEvent {
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
          at(),
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

  private static final class Issued extends RewardEvent {
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
          eventId, at(), rewardId, referrerId, leadId, beneficiary, incentive, value);
    }
  }
}
