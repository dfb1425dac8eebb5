package dev.referral.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry in a lead's history.
 *
 * @param from the state before, empty for the first entry
 * @param to the state after
 * @param at when it happened
 * @param note why, or an empty string
 */
public record LeadTransition(Optional<LeadStatus> from, LeadStatus to, Instant at, String note) {

  /** One shared {@code Optional} per state, so that long histories do not allocate them. */
  private static final List<Optional<LeadStatus>> FROM =
      Arrays.stream(LeadStatus.values()).map(Optional::of).toList();

  /** Validates the fields. */
  public LeadTransition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
  }

  /** The first entry of a lead's history. */
  public static LeadTransition initial(LeadStatus to, Instant at, String note) {
    return new LeadTransition(Optional.empty(), to, at, note);
  }

  /** A move from {@code from} to {@code to}. */
  public static LeadTransition move(LeadStatus from, LeadStatus to, Instant at, String note) {
    Objects.requireNonNull(from, "from");
    return new LeadTransition(FROM.get(from.ordinal()), to, at, note);
  }

  @Override
  public String toString() {
    return at
        + " "
        + from.map(f -> f + " -> ").orElse("")
        + to
        + (note.isEmpty() ? "" : ": " + note);
  }
}
