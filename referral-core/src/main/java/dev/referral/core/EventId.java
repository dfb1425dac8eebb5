package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;

/**
 * Identifies an event: 1 to 64 characters without whitespace.
 *
 * @param value the identifier text
 */
public record EventId(String value) implements Comparable<EventId> {

  /** Validates the identifier. */
  public EventId {
    Checks.identifier(value, "eventId");
  }

  /** Returns the identifier for {@code value}. */
  public static EventId of(String value) {
    return new EventId(value);
  }

  @Override
  public int compareTo(EventId other) {
    Objects.requireNonNull(other, "other");
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
