package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A message to deliver, as structured data: rendering text is the host's job. The id is the
 * follow-up's id and stays the same on every retry, so a notifier can de-duplicate.
 *
 * <p>{@link #data()} always holds {@code referrerName}, {@code referralCode}, {@code
 * offerHeadline}, {@code offerReferrerIncentive} and {@code offerFriendIncentive}; for a lead also
 * {@code leadId}, {@code leadName} and {@code leadStatus}; plus what the policy added.
 *
 * @param id the notification id (the follow-up id)
 * @param kind what it is for
 * @param channel how it travels
 * @param recipient who it is for
 * @param data the data for the message, sorted by key
 * @param attempt which delivery attempt this is, starting at 1
 * @param dueAt when it was due
 */
public record Notification(
    FollowUpId id,
    FollowUpKind kind,
    Channel channel,
    Recipient recipient,
    Map<String, String> data,
    int attempt,
    Instant dueAt) {

  /** Validates the fields and copies the data. */
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recipient, "recipient");
    data = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(data, "data")));
    Checks.positive(attempt, "attempt");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
