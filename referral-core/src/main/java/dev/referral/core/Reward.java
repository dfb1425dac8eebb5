package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reward in the ledger. Values are immutable; every change returns a new value with {@link
 * #version()} one higher.
 *
 * @param id the reward's id
 * @param idempotencyKey unique in the ledger: granting twice with the same key grants once
 * @param referrerId the referrer whose referral caused the reward
 * @param leadId the lead that caused it, if any
 * @param beneficiary who receives it
 * @param incentive what it gives
 * @param value what it costs the shop, when known; counts towards money limits and budgets
 * @param reason the policy or rule that granted it
 * @param status where it stands
 * @param orderId the order that caused it, if any; a refund of that order revokes it
 * @param grantedAt when it was granted (or denied)
 * @param holdUntil it is not issued before this time (a return window), if set
 * @param approvalRequired whether an operator must approve it before it is issued
 * @param approvedAt when an operator approved it
 * @param expiresAt when it expires if not redeemed, if it does
 * @param issuedAt when it was issued
 * @param closedAt when it was redeemed, expired or revoked
 * @param note why it was revoked, denied or approved, or an operator's note
 * @param deniedBy the limit that stopped it, when DENIED
 * @param version the optimistic-locking version, starting at 1
 */
public record Reward(
    RewardId id,
    String idempotencyKey,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    Beneficiary beneficiary,
    Incentive incentive,
    Optional<Money> value,
    String reason,
    RewardStatus status,
    Optional<OrderId> orderId,
    Instant grantedAt,
    Optional<Instant> holdUntil,
    boolean approvalRequired,
    Optional<Instant> approvedAt,
    Optional<Instant> expiresAt,
    Optional<Instant> issuedAt,
    Optional<Instant> closedAt,
    Optional<String> note,
    Optional<LimitKind> deniedBy,
    long version) {

  /** Validates the fields and their consistency. */
  public Reward {
    Objects.requireNonNull(id, "id");
    idempotencyKey = Checks.text(idempotencyKey, "idempotencyKey", 300);
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(incentive, "incentive");
    Objects.requireNonNull(value, "value");
    reason = Checks.text(reason, "reason", 200);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(holdUntil, "holdUntil");
    Objects.requireNonNull(approvedAt, "approvedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(deniedBy, "deniedBy");
    Checks.positive(version, "version");
    if ((status == RewardStatus.DENIED) != deniedBy.isPresent()) {
      throw new IllegalArgumentException(
          "reward " + id + " must name the limit that denied it exactly when it is DENIED");
    }
    if (beneficiary == Beneficiary.PROSPECT && leadId.isEmpty()) {
      throw new IllegalArgumentException("reward " + id + " for a prospect needs a lead");
    }
  }

  /** Whether this reward counts towards the referrer's reward-count and money limits. */
  public boolean countsTowardReferrerLimits() {
    return status.isGranted()
        && beneficiary == Beneficiary.REFERRER
        && !(incentive instanceof Incentive.ThankYouNote);
  }

  /** Whether this reward's value counts towards the program budget. */
  public boolean countsTowardBudget() {
    return status.isGranted() && value.isPresent();
  }

  /** Whether a PENDING reward may be issued at {@code now}: its hold ended and it is approved. */
  public boolean isReleasable(Instant now) {
    Objects.requireNonNull(now, "now");
    return status == RewardStatus.PENDING
        && (holdUntil.isEmpty() || !holdUntil.get().isAfter(now))
        && (!approvalRequired || approvedAt.isPresent());
  }

  private Reward with(
      RewardStatus status,
      Optional<Money> value,
      Optional<Instant> approvedAt,
      Optional<Instant> issuedAt,
      Optional<Instant> closedAt,
      Optional<String> note) {
    return new Reward(
        id,
        idempotencyKey,
        referrerId,
        leadId,
        beneficiary,
        incentive,
        value,
        reason,
        status,
        orderId,
        grantedAt,
        holdUntil,
        approvalRequired,
        approvedAt,
        expiresAt,
        issuedAt,
        closedAt,
        note,
        deniedBy,
        version + 1);
  }

  private void requireStatus(RewardStatus to, RewardStatus... allowed) {
    for (RewardStatus s : allowed) {
      if (status == s) {
        return;
      }
    }
    throw new IllegalRewardTransitionException(id, status, to);
  }

  /** This reward issued at {@code at}; it must be PENDING. */
  public Reward issue(Instant at) {
    Objects.requireNonNull(at, "at");
    requireStatus(RewardStatus.ISSUED, RewardStatus.PENDING);
    return with(RewardStatus.ISSUED, value, approvedAt, Optional.of(at), closedAt, note);
  }

  /** This reward approved by an operator at {@code at}; it must be PENDING. */
  public Reward approve(Instant at, String note) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
    requireStatus(RewardStatus.PENDING, RewardStatus.PENDING);
    return with(status, value, Optional.of(at), issuedAt, closedAt, nonEmpty(note));
  }

  /** This reward revoked at {@code at}; it must be PENDING or ISSUED. */
  public Reward revoke(Instant at, String reason) {
    Objects.requireNonNull(at, "at");
    Checks.notBlank(reason, "reason");
    requireStatus(RewardStatus.REVOKED, RewardStatus.PENDING, RewardStatus.ISSUED);
    return with(
        RewardStatus.REVOKED, value, approvedAt, issuedAt, Optional.of(at), Optional.of(reason));
  }

  /** This reward redeemed at {@code at}; it must be ISSUED. */
  public Reward redeem(Instant at) {
    Objects.requireNonNull(at, "at");
    requireStatus(RewardStatus.REDEEMED, RewardStatus.ISSUED);
    return with(RewardStatus.REDEEMED, value, approvedAt, issuedAt, Optional.of(at), note);
  }

  /** This reward expired at {@code at}; it must be ISSUED. */
  public Reward expire(Instant at) {
    Objects.requireNonNull(at, "at");
    requireStatus(RewardStatus.EXPIRED, RewardStatus.ISSUED);
    return with(RewardStatus.EXPIRED, value, approvedAt, issuedAt, Optional.of(at), note);
  }

  /** This reward with its value changed to {@code newValue} (a partial refund), noting why. */
  public Reward adjustValue(Money newValue, String why) {
    Objects.requireNonNull(newValue, "newValue");
    Checks.notBlank(why, "why");
    value.ifPresent(v -> v.requireSameCurrency(newValue));
    Checks.argument(!newValue.isNegative(), "newValue must not be negative but was " + newValue);
    return with(status, Optional.of(newValue), approvedAt, issuedAt, closedAt, Optional.of(why));
  }

  private static Optional<String> nonEmpty(String note) {
    return note.isBlank() ? Optional.empty() : Optional.of(note.strip());
  }
}
