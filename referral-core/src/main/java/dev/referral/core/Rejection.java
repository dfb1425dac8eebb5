package dev.referral.core;

import java.util.Objects;

/**
 * Why a lead was rejected.
 *
 * @param reason the reason
 * @param detail a human-readable detail, for example the code that was unknown or the fraud check's
 *     name
 */
public record Rejection(RejectionReason reason, String detail) {

  /** Validates the fields. */
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return detail.isEmpty() ? reason.name() : reason + " (" + detail + ")";
  }
}
