package dev.referral.core.internal;

import dev.referral.core.Prospect;
import dev.referral.core.Referrer;
import dev.referral.core.spi.EmailNormalizer;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The identity keys by which people are matched: normalised email, phone, host customer id. */
final class Identities {
  private final EmailNormalizer normalizer;

  Identities(EmailNormalizer normalizer) {
    this.normalizer = normalizer;
  }

  Set<String> of(Prospect prospect) {
    return keys(prospect.email(), prospect.phone(), prospect.customerRef());
  }

  Set<String> of(Referrer referrer) {
    return keys(referrer.email(), referrer.phone(), referrer.customerRef());
  }

  private Set<String> keys(
      Optional<String> email, Optional<String> phone, Optional<String> customerRef) {
    Set<String> keys = new LinkedHashSet<>(4);
    email.ifPresent(
        e ->
            keys.add(
                "email:" + Objects.requireNonNull(normalizer.normalize(e), "normalized email")));
    phone.ifPresent(p -> keys.add("phone:" + p));
    customerRef.ifPresent(c -> keys.add("customer:" + c));
    return keys;
  }
}
