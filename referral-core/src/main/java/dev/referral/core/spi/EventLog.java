package dev.referral.core.spi;

import dev.referral.core.EventId;
import dev.referral.core.event.ReferralEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only event log. */
public interface EventLog {

  /**
   * Appends an event.
   *
   * @throws DuplicateKeyException if an event with the same id exists
   */
  void append(ReferralEvent event);

  /** The event with {@code id}, if any. */
  Optional<ReferralEvent> find(EventId id);

  /** Events with {@code from <= at < to}, in the order they were appended. */
  List<ReferralEvent> between(Instant from, Instant to);
}
