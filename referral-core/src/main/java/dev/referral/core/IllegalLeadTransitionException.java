package dev.referral.core;

import dev.referral.core.internal.Checks;

/** Thrown when a lead is asked to move to a state it cannot reach from its current one. */
public final class IllegalLeadTransitionException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final LeadId leadId;
  private final LeadStatus from;
  private final LeadStatus to;

  /** For example "lead L-42 cannot move from CONVERTED to LOST". */
  public IllegalLeadTransitionException(LeadId leadId, LeadStatus from, LeadStatus to) {
    super(transition("lead", Checks.notNull(leadId, "leadId"), from, to));
    this.leadId = leadId;
    this.from = from;
    this.to = to;
  }

  /** The lead that was asked to move. */
  public LeadId leadId() {
    return leadId;
  }

  /** Its state at the time. */
  public LeadStatus from() {
    return from;
  }

  /** The state it was asked to move to. */
  public LeadStatus to() {
    return to;
  }
}
