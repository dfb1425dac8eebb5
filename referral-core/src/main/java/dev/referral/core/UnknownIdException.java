package dev.referral.core;

import dev.referral.core.internal.Checks;

/** Thrown when a command names a referrer, lead, reward, order or follow-up that does not exist. */
public final class UnknownIdException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /** An exception for the unknown {@code id} of a {@code kind} (e.g. "lead"). */
  public UnknownIdException(String kind, Object id) {
    super(Checks.notNull(kind, "kind") + " " + Checks.notNull(id, "id") + " does not exist");
    this.kind = kind;
    this.id = String.valueOf(id);
  }

  /** What kind of thing was looked up, e.g. {@code "lead"}. */
  public String kind() {
    return kind;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
