package dev.referral.core;

import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A referred person: a name and an email address and/or a phone number. The email is kept trimmed
 * and in lower case, the phone as digits with a leading {@code +}. How two prospects are matched
 * (for duplicates and self-referrals) is up to the program's {@link
 * dev.referral.core.spi.EmailNormalizer}.
 *
 * @param name the name, at most 200 characters
 * @param email the email address, if known
 * @param phone the phone number, if known
 * @param customerRef the host's own id for this person, if the person already has an account
 */
public record Prospect(
    String name, Optional<String> email, Optional<String> phone, Optional<String> customerRef) {

  /** Validates and normalises the fields; at least an email or a phone is required. */
  public Prospect {
    name = Checks.text(name, "name", 200);
    email = Checks.optional(email, "email").map(e -> Contacts.email(e, "email"));
    phone = Checks.optional(phone, "phone").map(p -> Contacts.phone(p, "phone"));
    customerRef =
        Checks.optional(customerRef, "customerRef").map(c -> Checks.identifier(c, "customerRef"));
    if (email.isEmpty() && phone.isEmpty()) {
      throw new IllegalArgumentException("prospect needs an email or a phone");
    }
  }

  /** A prospect known by name and email. */
  public static Prospect withEmail(String name, String email) {
    Objects.requireNonNull(email, "email");
    return new Prospect(name, Optional.of(email), Optional.empty(), Optional.empty());
  }

  /** A prospect known by name and phone. */
  public static Prospect withPhone(String name, String phone) {
    Objects.requireNonNull(phone, "phone");
    return new Prospect(name, Optional.empty(), Optional.of(phone), Optional.empty());
  }

  /** Starts a prospect with {@code name}; add an email and/or phone. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Prospect}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable String email;
    private @Nullable String phone;
    private @Nullable String customerRef;

    private Builder(String name) {
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

    /** The host's id for this person, if they already have an account. */
    public Builder customerRef(String customerRef) {
      this.customerRef = Objects.requireNonNull(customerRef, "customerRef");
      return this;
    }

    /** The prospect; throws if neither email nor phone was given or a value is invalid. */
    public Prospect build() {
      return new Prospect(
          name,
          Optional.ofNullable(email),
          Optional.ofNullable(phone),
          Optional.ofNullable(customerRef));
    }
  }
}
