package dev.referral.core.store.memory;

import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A lead as the in-memory store keeps it, with its prospect's identity keys: packed ({@link
 * PackedLead}) when it is closed and has a packed form, else the {@link Lead} itself. Immutable: an
 * update replaces it.
 */
abstract class StoredLead {
  // A String, or a String[] when there are several.
  private final Object keys;

  StoredLead(Object keys) {
    this.keys = keys;
  }

  /**
   * The stored form of {@code lead} with {@code keys}: packed once it is closed, when it can be;
   * {@code source} is the lead's source or an equal, shared instance. Open leads are the ones that
   * commands read and write (a move, a conversion), and the fewer: kept as they are, they cost no
   * packing and rebuilding; closed leads, which add up over the years, are read rarely.
   */
  static StoredLead of(Lead lead, Object keys, String source) {
    if (lead.status().isOpen()) {
      return new Plain(lead, keys);
    }
    StoredLead packed = PackedLead.pack(lead, keys, source);
    return packed != null ? packed : new Plain(lead, keys);
  }

  /** The keys as {@link #of} takes them. */
  static Object keys(Set<String> keys) {
    return keys.size() == 1 ? keys.iterator().next() : keys.toArray(new String[0]);
  }

  /** The keys as {@link #of} took them, to store with a newer version of the lead. */
  final Object keys() {
    return keys;
  }

  final List<String> keyList() {
    return keys instanceof String key ? List.of(key) : List.of((String[]) keys);
  }

  /** The lead, equal to the one stored. */
  abstract Lead lead();

  abstract LeadId id();

  abstract LeadStatus status();

  abstract long version();

  abstract Instant expiresAt();

  abstract boolean isConverted();

  /** Whether the lead was referred before {@code at}. */
  abstract boolean referredBefore(Instant at);

  /** A lead without a packed form, kept as it came. */
  private static final class Plain extends StoredLead {
    private final Lead lead;

    Plain(Lead lead, Object keys) {
      super(keys);
      this.lead = lead;
    }

    @Override
    Lead lead() {
      return lead;
    }

    @Override
    LeadId id() {
      return lead.id();
    }

    @Override
    LeadStatus status() {
      return lead.status();
    }

    @Override
    long version() {
      return lead.version();
    }

    @Override
    Instant expiresAt() {
      return lead.expiresAt();
    }

    @Override
    boolean isConverted() {
      return lead.conversion().isPresent();
    }

    @Override
    boolean referredBefore(Instant at) {
      return lead.referredAt().isBefore(at);
    }
  }
}
