package dev.referral.core;

import dev.referral.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a notification is for, with the contact details the library knows. The host may look up more
 * (a postal address) by {@link #referrerId()} or {@link #leadId()}.
 *
 * @param audience a referrer or a prospect
 * @param name the recipient's name
 * @param email the email address, if known
 * @param phone the phone number, if known
 * @param referrerId the referrer concerned
 * @param leadId the lead concerned, if any
 */
public record Recipient(
    Audience audience,
    String name,
    Optional<String> email,
    Optional<String> phone,
    ReferrerId referrerId,
    Optional<LeadId> leadId) {

  /** Validates the fields. */
  public Recipient {
    Objects.requireNonNull(audience, "audience");
    name = Checks.notBlank(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(referrerId, "referrerId");
    Objects.requireNonNull(leadId, "leadId");
  }
}
