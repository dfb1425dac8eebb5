package dev.referral.core.internal;

import dev.referral.core.LeadId;
import dev.referral.core.Prospect;
import dev.referral.core.Referrer;
import dev.referral.core.Signals;
import dev.referral.core.spi.EmailNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The identity keys by which people are matched: normalised email, phone, host customer id, and
 * signals hashed with the host's salt.
 *
 * <p>Signal keys are stored with a lead as {@code <kind>:<hash>#<lead id>}: every lead holding its
 * prospect holds all its keys exclusively (see {@code LeadRepository}), and two friends may share
 * an IP address, so the lead id keeps the stored keys apart.
 */
final class Identities {
  static final String[] SIGNAL_KINDS = {"ip:", "device:", "payment:"};
  private static final String ALGORITHM = "HmacSHA256";

  private final EmailNormalizer normalizer;
  private final @Nullable SecretKeySpec salt;
  private final Optional<String> callingCode;

  Identities(EmailNormalizer normalizer, Optional<String> salt, Optional<String> callingCode) {
    this.normalizer = normalizer;
    this.callingCode = callingCode;
    this.salt =
        salt.map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
            .orElse(null);
  }

  Set<String> of(Prospect prospect) {
    return keys(prospect.email(), prospect.phone(), prospect.customerRef());
  }

  Set<String> of(Referrer referrer) {
    return keys(referrer.email(), referrer.phone(), referrer.customerRef());
  }

  /** The keys of an email address or a phone number; none if it is neither. */
  Set<String> ofContact(String emailOrPhone) {
    try {
      return emailOrPhone.contains("@")
          ? Set.of("email:" + normalizer.normalize(Contacts.email(emailOrPhone, "identity")))
          : Set.of(phone(Contacts.phone(emailOrPhone, "identity")));
    } catch (IllegalArgumentException e) {
      return Set.of();
    }
  }

  private Set<String> keys(
      Optional<String> email, Optional<String> phone, Optional<String> customerRef) {
    Set<String> keys = new LinkedHashSet<>(4);
    email.ifPresent(
        e ->
            keys.add(
                "email:" + Objects.requireNonNull(normalizer.normalize(e), "normalized email")));
    phone.ifPresent(p -> keys.add(phone(p)));
    customerRef.ifPresent(c -> keys.add("customer:" + c));
    return keys;
  }

  /** The key of a normalised phone number; {@code +0...} is national format (no code starts 0). */
  private String phone(String normalized) {
    if (normalized.startsWith("+0") && callingCode.isPresent()) {
      return "phone:+" + callingCode.get() + normalized.substring(2);
    }
    return "phone:" + normalized;
  }

  /**
   * The hashed keys of {@code signals}: {@code ip:}, {@code device:} or {@code payment:} and the
   * HMAC-SHA256 of the kind and value under the salt, base64url.
   *
   * @throws IllegalStateException if signals are given but the program has no salt
   */
  Set<String> signals(Signals signals) {
    if (signals.isEmpty()) {
      return Set.of();
    }
    if (salt == null) {
      throw new IllegalStateException(
          "signals need a salt: set ReferralProgram.Builder.signalSalt(...) to accept them");
    }
    Set<String> keys = new LinkedHashSet<>(4);
    signals.ipAddress().ifPresent(v -> keys.add(hash(SIGNAL_KINDS[0], v)));
    signals.deviceId().ifPresent(v -> keys.add(hash(SIGNAL_KINDS[1], v)));
    signals.paymentFingerprint().ifPresent(v -> keys.add(hash(SIGNAL_KINDS[2], v)));
    return keys;
  }

  private String hash(String kind, String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(salt);
      byte[] digest = mac.doFinal((kind + value).getBytes(StandardCharsets.UTF_8));
      return kind + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The keys to store with lead {@code id}: its prospect's and its signals'. */
  static Set<String> stored(Set<String> prospect, Set<String> signals, LeadId id) {
    if (signals.isEmpty()) {
      return prospect;
    }
    Set<String> keys = new LinkedHashSet<>(prospect);
    for (String s : signals) {
      keys.add(s + "#" + id.value());
    }
    return keys;
  }

  /** The signal keys among a lead's stored keys, without the lead id. */
  static Set<String> signalsIn(Set<String> storedKeys) {
    Set<String> signals = new LinkedHashSet<>();
    for (String key : storedKeys) {
      for (String kind : SIGNAL_KINDS) {
        if (key.startsWith(kind)) {
          int hash = key.indexOf('#');
          signals.add(hash < 0 ? key : key.substring(0, hash));
        }
      }
    }
    return signals;
  }
}
