package dev.referral.core;

import java.util.Objects;

/**
 * Where a lead stands. Open states: {@link #REFERRED}, {@link #CONTACTED}, {@link #QUALIFIED}.
 * Terminal states: {@link #CONVERTED}, {@link #LOST}, {@link #EXPIRED}, {@link #REJECTED}.
 *
 * <pre>
 * REFERRED -> CONTACTED -> QUALIFIED -> CONVERTED
 * any open state -> CONVERTED (a purchase), LOST (by the host), EXPIRED (attribution window passed)
 * REJECTED only at intake
 * </pre>
 */
public enum LeadStatus {
  /** Referred and accepted; nobody has contacted the prospect yet. */
  REFERRED,
  /** The shop has contacted the prospect. */
  CONTACTED,
  /** The prospect is a good fit and interested. */
  QUALIFIED,
  /** The prospect bought: the referral succeeded. */
  CONVERTED,
  /** The prospect will not buy. */
  LOST,
  /** The attribution window passed without a purchase. */
  EXPIRED,
  /** Refused at intake, with a {@link RejectionReason}. */
  REJECTED;

  /** Whether the lead can still move or convert. */
  public boolean isOpen() {
    return this == REFERRED || this == CONTACTED || this == QUALIFIED;
  }

  /** Whether the lead is in a final state. */
  public boolean isTerminal() {
    return !isOpen();
  }

  /**
   * Whether the host may move a lead from this state to {@code to} with {@code
   * ReferralProgram.move}: one step forward, or to {@link #LOST} from any open state. Conversion
   * happens through a purchase and expiry through the attribution window.
   */
  public boolean canMoveTo(LeadStatus to) {
    Objects.requireNonNull(to, "to");
    return switch (this) {
      case REFERRED -> to == CONTACTED || to == LOST;
      case CONTACTED -> to == QUALIFIED || to == LOST;
      case QUALIFIED -> to == LOST;
      default -> false;
    };
  }
}
