package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up in the durable schedule (the outbox). It is written in the same transaction as the
 * state change that caused it and delivered later by {@code ReferralProgram.dispatchDueFollowUps}.
 *
 * @param id the follow-up's id; also the id of its notification, stable across retries
 * @param key unique in the schedule: scheduling twice with the same key schedules once
 * @param kind what it is for
 * @param audience who it goes to
 * @param referrerId the referrer it concerns
 * @param leadId the lead it concerns, if any
 * @param channel how it travels
 * @param dueAt when it is due (the next attempt's time after a failure)
 * @param status where it stands
 * @param attempts delivery attempts so far
 * @param claimToken the token of the dispatcher holding the claim
 * @param claimedUntil when the claim's lease ends
 * @param closedAt when it was sent, failed or cancelled
 * @param note the last error, or why it was cancelled
 * @param reason the policy that scheduled it
 * @param data extra data for the message
 * @param createdAt when it was scheduled
 * @param version the optimistic-locking version, starting at 1
 */
public record FollowUp(
    FollowUpId id,
    String key,
    FollowUpKind kind,
    Audience audience,
    ReferrerId referrerId,
    Optional<LeadId> leadId,
    Channel channel,
    Instant dueAt,
    FollowUpStatus status,
    int attempts,
    Optional<String> claimToken,
    Optional<Instant> claimedUntil,
    Optional<Instant> closedAt,
    Optional<String> note,
    String reason,
    Map<String, String> data,
    Instant createdAt,
    long version) {

  /** Validates the fields and copies the data. */
  public FollowUp {
    Objects.requireNonNull(id, "id");
    key = Checks.text(key, "key", 300);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
    Checks.notNegative(attempts, "attempts");
    Objects.requireNonNull(claimToken, "claimToken");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(note, "note");
    reason = Checks.text(reason, "reason", 200);
    data = Map.copyOf(Objects.requireNonNull(data, "data"));
    Objects.requireNonNull(createdAt, "createdAt");
    Checks.positive(version, "version");
    if (audience == Audience.PROSPECT && leadId.isEmpty()) {
      throw new IllegalArgumentException("follow-up " + id + " to a prospect needs a lead");
    }
    if ((status == FollowUpStatus.CLAIMED) != claimToken.isPresent()) {
      throw new IllegalArgumentException(
          "follow-up " + id + " must have a claim token exactly when it is CLAIMED");
    }
  }

  /** Whether a dispatcher may claim it at {@code now}. */
  public boolean isClaimable(Instant now) {
    Objects.requireNonNull(now, "now");
    return (status == FollowUpStatus.PENDING && !dueAt.isAfter(now))
        || (status == FollowUpStatus.CLAIMED
            && claimedUntil.map(u -> !u.isAfter(now)).orElse(true));
  }

  private FollowUp with(
      Instant dueAt,
      FollowUpStatus status,
      int attempts,
      Optional<String> claimToken,
      Optional<Instant> claimedUntil,
      Optional<Instant> closedAt,
      Optional<String> note) {
    return new FollowUp(
        id,
        key,
        kind,
        audience,
        referrerId,
        leadId,
        channel,
        dueAt,
        status,
        attempts,
        claimToken,
        claimedUntil,
        closedAt,
        note,
        reason,
        data,
        createdAt,
        version + 1);
  }

  /** This follow-up claimed by {@code token} until {@code until}, counting one more attempt. */
  public FollowUp claim(String token, Instant until) {
    Checks.notBlank(token, "token");
    Objects.requireNonNull(until, "until");
    return with(
        dueAt,
        FollowUpStatus.CLAIMED,
        attempts + 1,
        Optional.of(token),
        Optional.of(until),
        closedAt,
        note);
  }

  /** This follow-up delivered at {@code at}. */
  public FollowUp sent(Instant at) {
    Objects.requireNonNull(at, "at");
    return with(
        dueAt,
        FollowUpStatus.SENT,
        attempts,
        Optional.empty(),
        Optional.empty(),
        Optional.of(at),
        note);
  }

  /** This follow-up after a failed attempt, to be tried again at {@code nextAttempt}. */
  public FollowUp retryAt(Instant nextAttempt, String error) {
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(error, "error");
    return with(
        nextAttempt,
        FollowUpStatus.PENDING,
        attempts,
        Optional.empty(),
        Optional.empty(),
        closedAt,
        Optional.of(error));
  }

  /** This follow-up failed for good at {@code at}. */
  public FollowUp fail(Instant at, String error) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(error, "error");
    return with(
        dueAt,
        FollowUpStatus.FAILED,
        attempts,
        Optional.empty(),
        Optional.empty(),
        Optional.of(at),
        Optional.of(error));
  }

  /** This follow-up cancelled at {@code at}. */
  public FollowUp cancel(Instant at, String why) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(why, "why");
    return with(
        dueAt,
        FollowUpStatus.CANCELLED,
        attempts,
        Optional.empty(),
        Optional.empty(),
        Optional.of(at),
        Optional.of(why));
  }
}
