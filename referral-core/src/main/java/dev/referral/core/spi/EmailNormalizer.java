package dev.referral.core.spi;

import java.util.Objects;

/**
 * Turns an email address into the key used to match people: two addresses with the same key are the
 * same person (for duplicate referrals and self-referrals). Input is already trimmed, lower case
 * and well-formed. Must be thread-safe and deterministic. The program uses {@link
 * dev.referral.core.EmailAliasRules#defaults()} unless given another one.
 */
@FunctionalInterface
public interface EmailNormalizer {

  /** Addresses match only when equal (after trimming and lower-casing). */
  EmailNormalizer STANDARD = email -> Objects.requireNonNull(email, "email");

  /** The matching key of {@code email}. */
  String normalize(String email);
}
