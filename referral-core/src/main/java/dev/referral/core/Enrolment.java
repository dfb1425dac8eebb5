package dev.referral.core;

import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the host knows about a new referrer when enrolling them. Build one with {@link
 * #customer(String)}, {@link #partner(String)} or {@link #contact(String)}.
 *
 * @param kind customer, partner or other contact
 * @param name the name shown in messages
 * @param email the email address, if known
 * @param phone the phone number, if known
 * @param customerRef the host's own id for this person or business, if any
 * @param consentToContact whether the referrer agreed to be contacted
 * @param vanityCode a chosen code instead of a generated one, if any
 */
public record Enrolment(
    ReferrerKind kind,
    String name,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> customerRef,
    boolean consentToContact,
    Optional<ReferralCode> vanityCode) {

  /** Validates the fields. */
  public Enrolment {
    Objects.requireNonNull(kind, "kind");
    name = Checks.text(name, "name", 200);
    email = Checks.optional(email, "email").map(e -> Contacts.email(e, "email"));
    phone = Checks.optional(phone, "phone").map(p -> Contacts.phone(p, "phone"));
    customerRef =
        Checks.optional(customerRef, "customerRef").map(c -> Checks.identifier(c, "customerRef"));
    Objects.requireNonNull(vanityCode, "vanityCode");
  }

  /** Starts the enrolment of a customer. */
  public static Builder customer(String name) {
    return new Builder(ReferrerKind.CUSTOMER, name);
  }

  /** Starts the enrolment of a partner business. */
  public static Builder partner(String name) {
    return new Builder(ReferrerKind.PARTNER, name);
  }

  /** Starts the enrolment of another contact (supplier, friend, banker). */
  public static Builder contact(String name) {
    return new Builder(ReferrerKind.CONTACT, name);
  }

  /** Builds an {@link Enrolment}. Not thread-safe. */
  public static final class Builder {
    private final ReferrerKind kind;
    private final String name;
    private @Nullable String email;
    private @Nullable String phone;
    private @Nullable String customerRef;
    private boolean consent;
    private @Nullable ReferralCode vanityCode;

    private Builder(ReferrerKind kind, String name) {
      this.kind = kind;
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The email address. */
    public Builder email(String email) {
      this.email = Objects.requireNonNull(email, "email");
      return this;
    }

    /** The phone number. */
    public Builder phone(String phone) {
      this.phone = Objects.requireNonNull(phone, "phone");
      return this;
    }

    /** The host's id for this referrer. */
    public Builder customerRef(String customerRef) {
      this.customerRef = Objects.requireNonNull(customerRef, "customerRef");
      return this;
    }

    /** Whether the referrer agreed to be contacted; defaults to false. */
    public Builder consentToContact(boolean consent) {
      this.consent = consent;
      return this;
    }

    /** A chosen code such as {@code "JANE10"}; it must be valid and not taken. */
    public Builder vanityCode(String code) {
      this.vanityCode = ReferralCode.parse(Objects.requireNonNull(code, "vanityCode"));
      return this;
    }

    /** The enrolment. */
    public Enrolment build() {
      return new Enrolment(
          kind,
          name,
          Optional.ofNullable(email),
          Optional.ofNullable(phone),
          Optional.ofNullable(customerRef),
          consent,
          Optional.ofNullable(vanityCode));
    }
  }
}
