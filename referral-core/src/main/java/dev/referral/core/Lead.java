package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A referred prospect and where they stand. Values are immutable; every move returns a new value
 * with the move appended to {@link #history()} and {@link #version()} one higher.
 *
 * @param id the lead's id
 * @param referrerId who referred the prospect; empty when the code was unknown
 * @param code the code used, when it was a well-formed code
 * @param prospect the referred person
 * @param source where the referral came from (e.g. {@code "link"}, {@code "email"}), for reports
 *     and rules
 * @param status the current state
 * @param rejection why the lead was rejected, when it was
 * @param referredAt when the referral arrived
 * @param expiresAt when the attribution window closes
 * @param conversion the purchase that converted the lead, once converted
 * @param history every state change, oldest first, starting with the intake
 * @param version the optimistic-locking version, starting at 1
 */
public record Lead(
    LeadId id,
    Optional<ReferrerId> referrerId,
    Optional<ReferralCode> code,
    Prospect prospect,
    String source,
    LeadStatus status,
    Optional<Rejection> rejection,
    Instant referredAt,
    Instant expiresAt,
    Optional<Conversion> conversion,
    List<LeadTransition> history,
    long version) {

  /** Validates the fields and their consistency. */
  public Lead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(prospect, "prospect");
    source = Checks.text(source, "source", 64);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(referredAt, "referredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(conversion, "conversion");
    history = List.copyOf(Objects.requireNonNull(history, "history"));
    Checks.positive(version, "version");
    if (history.isEmpty() || history.get(history.size() - 1).to() != status) {
      throw new IllegalArgumentException(
          "lead " + id + " history must end in its status " + status);
    }
    if ((status == LeadStatus.REJECTED) != rejection.isPresent()) {
      throw new IllegalArgumentException(
          "lead " + id + " must have a rejection exactly when it is REJECTED");
    }
    if ((status == LeadStatus.CONVERTED) != conversion.isPresent()) {
      throw new IllegalArgumentException(
          "lead " + id + " must have a conversion exactly when it is CONVERTED");
    }
  }

  /** How long ago, at {@code now}, the lead was referred. */
  public Duration age(Instant now) {
    return Duration.between(referredAt, Objects.requireNonNull(now, "now"));
  }

  /** A copy moved to {@code to} at {@code at} with {@code note}; checks nothing. */
  Lead movedTo(LeadStatus to, Instant at, String note, Optional<Conversion> conversion) {
    List<LeadTransition> moved = new ArrayList<>(history.size() + 1);
    moved.addAll(history);
    moved.add(LeadTransition.move(status, to, at, note));
    return new Lead(
        id,
        referrerId,
        code,
        prospect,
        source,
        to,
        rejection,
        referredAt,
        expiresAt,
        conversion,
        moved,
        version + 1);
  }

  /**
   * A copy moved by the host to {@code to}.
   *
   * @throws IllegalLeadTransitionException unless {@link LeadStatus#canMoveTo} allows it
   */
  public Lead moveTo(LeadStatus to, Instant at, String note) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
    if (!status.canMoveTo(to)) {
      throw new IllegalLeadTransitionException(id, status, to);
    }
    return movedTo(to, at, note, Optional.empty());
  }

  /**
   * A copy converted by {@code conversion}.
   *
   * @throws IllegalLeadTransitionException unless the lead is open
   */
  public Lead convert(Conversion conversion, String note) {
    Objects.requireNonNull(conversion, "conversion");
    Objects.requireNonNull(note, "note");
    if (!status.isOpen()) {
      throw new IllegalLeadTransitionException(id, status, LeadStatus.CONVERTED);
    }
    return movedTo(LeadStatus.CONVERTED, conversion.at(), note, Optional.of(conversion));
  }

  /**
   * A copy expired at {@code at}.
   *
   * @throws IllegalLeadTransitionException unless the lead is open
   */
  public Lead expire(Instant at) {
    Objects.requireNonNull(at, "at");
    if (!status.isOpen()) {
      throw new IllegalLeadTransitionException(id, status, LeadStatus.EXPIRED);
    }
    return movedTo(LeadStatus.EXPIRED, at, "attribution window closed", Optional.empty());
  }
}
