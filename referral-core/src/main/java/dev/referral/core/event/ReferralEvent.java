package dev.referral.core.event;

import dev.referral.core.EventId;
import dev.referral.core.LeadId;
import dev.referral.core.ReferrerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A state change in the referral program. Every event has an id and a time, is appended to the
 * store's event log in the same transaction as the change, and is given to listeners after commit.
 * Policies and rules decide on events. A closed family of records.
 */
public sealed interface ReferralEvent
    permits ReferrerEnrolled,
        ReferrerStatusChanged,
        ConsentChanged,
        CodeIssued,
        CodeRetired,
        SatisfactionRecorded,
        LeadReferred,
        LeadRejected,
        LeadFlagged,
        LeadMoved,
        LeadConverted,
        RepeatPurchase,
        OrderRefunded,
        RewardGranted,
        RewardDenied,
        RewardApproved,
        RewardIssued,
        RewardRevoked,
        RewardAdjusted,
        RewardRedeemed,
        RewardExpired,
        FollowUpSent,
        FollowUpFailed,
        PartnerReferralSent,
        DecisionFailed,
        DecisionRecovered {

  /** The event id, unique in the event log. */
  EventId id();

  /** When the change happened, by the program's clock. */
  Instant at();

  /** The event's type, for fast dispatch and for rule files. */
  EventType type();

  /** The referrer the event concerns, if any. */
  Optional<ReferrerId> referrer();

  /** The lead the event concerns, if any. */
  Optional<LeadId> lead();
}
