package dev.referral.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a follow-up is for. The constants are the kinds the library schedules; hosts can add their
 * own with {@link #of(String)}.
 *
 * @param name upper-case letters, digits and underscores, e.g. {@code "BIRTHDAY_GREETING"}
 */
public record FollowUpKind(String name) {

  /** The valid names (declared first: the constants below use it). */
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** Welcomes a new referrer: sets expectations and explains the offer. */
  public static final FollowUpKind ONBOARDING = new FollowUpKind("ONBOARDING");

  /** Asks the shop's team (or an automated message) to contact a new lead promptly. */
  public static final FollowUpKind CONTACT_LEAD = new FollowUpKind("CONTACT_LEAD");

  /** Keeps a lead that has not bought yet warm. */
  public static final FollowUpKind NURTURE_LEAD = new FollowUpKind("NURTURE_LEAD");

  /** Tells the referrer how their referral is doing. */
  public static final FollowUpKind PROGRESS_UPDATE = new FollowUpKind("PROGRESS_UPDATE");

  /** Tells a beneficiary about a reward. */
  public static final FollowUpKind REWARD_NOTICE = new FollowUpKind("REWARD_NOTICE");

  /** Thanks the referrer. */
  public static final FollowUpKind THANK_YOU = new FollowUpKind("THANK_YOU");

  /** Asks a satisfied customer for referrals. */
  public static final FollowUpKind ASK_FOR_REFERRALS = new FollowUpKind("ASK_FOR_REFERRALS");

  /** The quarterly letter to every active, consenting referral source. */
  public static final FollowUpKind KEEP_IN_TOUCH = new FollowUpKind("KEEP_IN_TOUCH");

  /** Reminds a prospect who has not used the offer yet that it will expire. */
  public static final FollowUpKind REMINDER = new FollowUpKind("REMINDER");

  /** Validates the name. */
  public FollowUpKind {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be upper-case letters, digits and underscores, starting with a letter: '"
              + name
              + "'");
    }
  }

  /** The kind named {@code name}. */
  public static FollowUpKind of(String name) {
    return new FollowUpKind(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
