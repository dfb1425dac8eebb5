package dev.referral.core.store.memory;

import dev.referral.core.Conversion;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferrerId;
import dev.referral.core.Rejection;
import dev.referral.core.spi.OrderRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lead packed for the in-memory store, rebuilt into an equal {@link Lead} on every read: its
 * instants as {@link EpochNanos} in one array, its history as the states it went through (each
 * step's {@code from} is the step before's {@code to}), notes that the program derives (a
 * conversion's {@code "order <id>"}, a rejection's reason) left out, the prospect's fields in
 * place, and no {@code Optional}s. A lead whose history does not have that shape, is longer than
 * {@value #MAX_STEPS} steps, or has an instant out of {@link EpochNanos}'s range has no packed
 * form.
 */
final class PackedLead extends StoredLead {
  static final int MAX_STEPS = 16;

  // shape: flags, the number of steps, version less steps, each step's state.
  private static final long T0_AT_REFERRED = 1; // the first step happened at referredAt
  private static final long CONVERSION_AT_LAST = 2; // the conversion happened at the last step
  private static final int STEPS_SHIFT = 2; // 5 bits
  private static final int VERSION_SHIFT = 7; // 8 bits
  private static final long VERSION_MASK = 0xFF;
  private static final int STATES_SHIFT = 15; // 3 bits per step
  private static final LeadStatus[] STATES = LeadStatus.values();

  private final LeadId id;
  private final @Nullable ReferrerId referrerId;
  private final @Nullable ReferralCode code;
  // the prospect's fields (its constructor gives back the same, normalised values)
  private final String name;
  private final @Nullable String email;
  private final @Nullable String phone;
  private final @Nullable String customerRef;
  private final String source;
  private final @Nullable Object outcome; // the rejection, or the conversion's order id
  private final @Nullable Money amount; // the conversion's amount
  // referredAt, expiresAt, the conversion's instant unless CONVERSION_AT_LAST, each step's instant
  // (from the second step on when T0_AT_REFERRED).
  private final long[] times;
  // Each step's note, null where it is the derived one; null when every note is.
  private final String @Nullable [] notes;
  private final long shape;

  private PackedLead(
      Lead lead,
      Object keys,
      String source,
      @Nullable Object outcome,
      long[] times,
      String @Nullable [] notes,
      long shape) {
    super(keys);
    this.id = lead.id();
    this.referrerId = lead.referrerId().orElse(null);
    this.code = lead.code().orElse(null);
    Prospect prospect = lead.prospect();
    this.name = prospect.name();
    this.email = prospect.email().orElse(null);
    this.phone = prospect.phone().orElse(null);
    this.customerRef = prospect.customerRef().orElse(null);
    this.source = source;
    this.outcome = outcome;
    this.amount = lead.conversion().map(Conversion::amount).orElse(null);
    this.times = times;
    this.notes = notes;
    this.shape = shape;
  }

  /**
   * The packed form of {@code lead} with identity keys {@code keys} and source {@code source}
   * (equal to the lead's, possibly a shared instance), or null if it has none.
   */
  static @Nullable PackedLead pack(Lead lead, Object keys, String source) {
    List<LeadTransition> history = lead.history();
    int steps = history.size();
    long versionLessSteps = lead.version() - steps;
    if (steps > MAX_STEPS || versionLessSteps < 0 || versionLessSteps > VERSION_MASK) {
      return null;
    }
    long referredAt = EpochNanos.of(lead.referredAt());
    long expiresAt = EpochNanos.of(lead.expiresAt());
    if (referredAt == EpochNanos.NONE || expiresAt == EpochNanos.NONE) {
      return null;
    }
    LeadTransition first = history.get(0);
    LeadTransition last = history.get(steps - 1);
    Conversion conversion = lead.conversion().orElse(null);
    long shape = (long) steps << STEPS_SHIFT | versionLessSteps << VERSION_SHIFT;
    if (first.at().equals(lead.referredAt())) {
      shape |= T0_AT_REFERRED;
    }
    if (conversion != null && conversion.at().equals(last.at())) {
      shape |= CONVERSION_AT_LAST;
    }
    int skipped = (shape & T0_AT_REFERRED) != 0 ? 1 : 0;
    int conversionSlot = conversion != null && (shape & CONVERSION_AT_LAST) == 0 ? 1 : 0;
    long[] times = new long[2 + conversionSlot + steps - skipped];
    times[0] = referredAt;
    times[1] = expiresAt;
    if (conversionSlot == 1) {
      times[2] = EpochNanos.of(conversion.at());
      if (times[2] == EpochNanos.NONE) {
        return null;
      }
    }
    Object outcome = conversion != null ? conversion.orderId() : lead.rejection().orElse(null);
    String[] notes = null;
    int slot = 2 + conversionSlot;
    LeadStatus before = null;
    for (int i = 0; i < steps; i++) {
      LeadTransition step = history.get(i);
      if (step.from().orElse(null) != before) {
        return null;
      }
      before = step.to();
      shape |= (long) step.to().ordinal() << (STATES_SHIFT + 3 * i);
      if (i >= skipped) {
        long at = EpochNanos.of(step.at());
        if (at == EpochNanos.NONE) {
          return null;
        }
        times[slot++] = at;
      }
      if (!isDerived(step.note(), step.to(), outcome)) {
        if (notes == null) {
          notes = new String[steps];
        }
        notes[i] = step.note();
      }
    }
    return new PackedLead(lead, keys, source, outcome, times, notes, shape);
  }

  /** The note that the program writes for a step to {@code to} of a lead with {@code outcome}. */
  private static String derivedNote(LeadStatus to, @Nullable Object outcome) {
    if (to == LeadStatus.CONVERTED && outcome instanceof OrderId orderId) {
      return "order " + orderId;
    }
    if (to == LeadStatus.REJECTED && outcome instanceof Rejection rejection) {
      return rejection.toString();
    }
    return "";
  }

  private static boolean isDerived(String note, LeadStatus to, @Nullable Object outcome) {
    if (to == LeadStatus.CONVERTED && outcome instanceof OrderId orderId) {
      String order = orderId.value(); // "order " + order, without building it
      return note.length() == 6 + order.length()
          && note.startsWith("order ")
          && note.endsWith(order);
    }
    return note.equals(derivedNote(to, outcome));
  }

  private int steps() {
    return (int) (shape >>> STEPS_SHIFT) & 0x1F;
  }

  private LeadStatus stateAt(int step) {
    return STATES[(int) (shape >>> (STATES_SHIFT + 3 * step)) & 7];
  }

  @Override
  Lead lead() {
    int steps = steps();
    Instant referredAt = EpochNanos.instant(times[0]);
    Instant expiresAt = times[1] == times[0] ? referredAt : EpochNanos.instant(times[1]);
    boolean t0AtReferred = (shape & T0_AT_REFERRED) != 0;
    boolean conversionAtLast = (shape & CONVERSION_AT_LAST) != 0;
    int slot = outcome instanceof OrderId && !conversionAtLast ? 3 : 2;
    LeadTransition[] history = new LeadTransition[steps];
    LeadStatus before = null;
    Instant at = referredAt;
    for (int i = 0; i < steps; i++) {
      if (i > 0 || !t0AtReferred) {
        at = EpochNanos.instant(times[slot++]);
      }
      LeadStatus to = stateAt(i);
      String note = notes == null || notes[i] == null ? derivedNote(to, outcome) : notes[i];
      history[i] =
          before == null
              ? LeadTransition.initial(to, at, note)
              : LeadTransition.move(before, to, at, note);
      before = to;
    }
    Optional<Conversion> conversion = Optional.empty();
    Optional<Rejection> rejection = Optional.empty();
    if (outcome instanceof OrderId orderId) {
      Instant convertedAt = conversionAtLast ? at : EpochNanos.instant(times[2]);
      conversion = Optional.of(new Conversion(orderId, amount, convertedAt));
    } else if (outcome instanceof Rejection r) {
      rejection = Optional.of(r);
    }
    return new Lead(
        id,
        Optional.ofNullable(referrerId),
        Optional.ofNullable(code),
        new Prospect(
            name,
            Optional.ofNullable(email),
            Optional.ofNullable(phone),
            Optional.ofNullable(customerRef)),
        source,
        before,
        rejection,
        referredAt,
        expiresAt,
        conversion,
        List.of(history),
        steps + ((shape >>> VERSION_SHIFT) & VERSION_MASK));
  }

  /**
   * Whether {@code order} is the record of this lead's conversion, as the program writes it: the
   * order that converted it, at version 1 without refunds; {@link #conversionOrder} then rebuilds
   * it.
   */
  boolean isConversionRecord(OrderRecord order) {
    return outcome instanceof OrderId orderId
        && order.kind() == OrderRecord.Kind.CONVERSION
        && order.version() == 1
        && order.refunds().isEmpty()
        && orderId.equals(order.orderId())
        && id.equals(order.leadId())
        && order.amount().equals(amount)
        && EpochNanos.of(order.at()) == conversionAt();
  }

  private long conversionAt() {
    if ((shape & CONVERSION_AT_LAST) == 0) {
      return times[2];
    }
    // the last step's instant: referredAt when the only step is the first, at referredAt
    return steps() == 1 && (shape & T0_AT_REFERRED) != 0 ? times[0] : times[times.length - 1];
  }

  /** The order that converted this lead; see {@link #isConversionRecord}. */
  OrderId orderId() {
    return (OrderId) Objects.requireNonNull(outcome);
  }

  /** The record of this lead's conversion; see {@link #isConversionRecord}. */
  OrderRecord conversionOrder() {
    return new OrderRecord(
        (OrderId) outcome,
        id,
        amount,
        EpochNanos.instant(conversionAt()),
        OrderRecord.Kind.CONVERSION,
        List.of(),
        1);
  }

  @Override
  LeadId id() {
    return id;
  }

  @Override
  LeadStatus status() {
    return stateAt(steps() - 1);
  }

  @Override
  long version() {
    return steps() + ((shape >>> VERSION_SHIFT) & VERSION_MASK);
  }

  @Override
  Instant expiresAt() {
    return EpochNanos.instant(times[1]);
  }

  @Override
  boolean isConverted() {
    return outcome instanceof OrderId;
  }

  @Override
  boolean referredBefore(Instant at) {
    return EpochNanos.isBefore(times[0], at);
  }
}
