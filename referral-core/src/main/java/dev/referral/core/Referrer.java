package dev.referral.core;

import dev.referral.core.internal.Checks;
import dev.referral.core.internal.Contacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who sends prospects: a customer, a partner business or another contact. Values are
 * immutable; the program returns a new value after each change, with {@link #version()} one higher.
 *
 * @param id the referrer's id
 * @param kind customer, partner or other contact
 * @param status whether referrals are accepted
 * @param name the name shown in messages
 * @param email the email address, if known
 * @param phone the phone number, if known
 * @param customerRef the host's own id for this person or business, if any
 * @param consentToContact whether the referrer agreed to be contacted; without it no follow-up is
 *     sent to them
 * @param codes every code issued to the referrer, active and retired, oldest first
 * @param enrolledAt when the referrer was enrolled
 * @param satisfaction the latest satisfaction score, if recorded
 * @param engagement how often the referrer was asked for referrals
 * @param version the optimistic-locking version, starting at 1
 */
public record Referrer(
    ReferrerId id,
    ReferrerKind kind,
    ReferrerStatus status,
    String name,
    Optional<String> email,
    Optional<String> phone,
    Optional<String> customerRef,
    boolean consentToContact,
    List<IssuedCode> codes,
    Instant enrolledAt,
    Optional<Satisfaction> satisfaction,
    Engagement engagement,
    long version) {

  /** Validates the fields and copies the list of codes. */
  public Referrer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    name = Checks.text(name, "name", 200);
    email = Checks.optional(email, "email").map(e -> Contacts.email(e, "email"));
    phone = Checks.optional(phone, "phone").map(p -> Contacts.phone(p, "phone"));
    customerRef =
        Checks.optional(customerRef, "customerRef").map(c -> Checks.identifier(c, "customerRef"));
    codes = List.copyOf(Objects.requireNonNull(codes, "codes"));
    Objects.requireNonNull(enrolledAt, "enrolledAt");
    Objects.requireNonNull(satisfaction, "satisfaction");
    Objects.requireNonNull(engagement, "engagement");
    Checks.positive(version, "version");
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("referrer " + id + " needs at least one code");
    }
  }

  /** Whether referrals with this referrer's codes are accepted. */
  public boolean isActive() {
    return status == ReferrerStatus.ACTIVE;
  }

  /** The codes that still accept referrals. */
  public List<ReferralCode> activeCodes() {
    List<ReferralCode> active = new ArrayList<>(codes.size());
    for (IssuedCode code : codes) {
      if (code.isActive()) {
        active.add(code.code());
      }
    }
    return List.copyOf(active);
  }

  /** The code shown in messages: the newest active code, or the newest code if all are retired. */
  public ReferralCode primaryCode() {
    for (int i = codes.size() - 1; i >= 0; i--) {
      if (codes.get(i).isActive()) {
        return codes.get(i).code();
      }
    }
    return codes.get(codes.size() - 1).code();
  }

  /** The issued code equal to {@code code}, if this referrer has it. */
  public Optional<IssuedCode> code(ReferralCode code) {
    Objects.requireNonNull(code, "code");
    for (IssuedCode issued : codes) {
      if (issued.code().equals(code)) {
        return Optional.of(issued);
      }
    }
    return Optional.empty();
  }

  /** A copy with {@code status}, one version higher. */
  public Referrer withStatus(ReferrerStatus status) {
    return new Referrer(
        id,
        kind,
        status,
        name,
        email,
        phone,
        customerRef,
        consentToContact,
        codes,
        enrolledAt,
        satisfaction,
        engagement,
        version + 1);
  }

  /** A copy with {@code consent}, one version higher. */
  public Referrer withConsent(boolean consent) {
    return new Referrer(
        id,
        kind,
        status,
        name,
        email,
        phone,
        customerRef,
        consent,
        codes,
        enrolledAt,
        satisfaction,
        engagement,
        version + 1);
  }

  /** A copy with {@code codes}, one version higher. */
  public Referrer withCodes(List<IssuedCode> codes) {
    return new Referrer(
        id,
        kind,
        status,
        name,
        email,
        phone,
        customerRef,
        consentToContact,
        codes,
        enrolledAt,
        satisfaction,
        engagement,
        version + 1);
  }

  /** A copy with {@code satisfaction}, one version higher. */
  public Referrer withSatisfaction(Satisfaction satisfaction) {
    Objects.requireNonNull(satisfaction, "satisfaction");
    return new Referrer(
        id,
        kind,
        status,
        name,
        email,
        phone,
        customerRef,
        consentToContact,
        codes,
        enrolledAt,
        Optional.of(satisfaction),
        engagement,
        version + 1);
  }

  /** A copy with {@code engagement}, one version higher. */
  public Referrer withEngagement(Engagement engagement) {
    return new Referrer(
        id,
        kind,
        status,
        name,
        email,
        phone,
        customerRef,
        consentToContact,
        codes,
        enrolledAt,
        satisfaction,
        engagement,
        version + 1);
  }
}
