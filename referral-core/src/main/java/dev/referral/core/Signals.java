package dev.referral.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Optional technical signals the host passes with a referral: the prospect's IP address, device id
 * and payment fingerprint (a token from the payment provider, never a card number). The program
 * stores them only as hashes salted with the host's {@linkplain
 * ReferralProgram.Builder#signalSalt(String) signal salt}, compares them with the signals of
 * earlier referrals for its {@linkplain dev.referral.core.fraud.FraudChecks fraud checks}, and
 * never logs them: {@link #toString()} shows which signals are present, not their values.
 *
 * @param ipAddress the prospect's IP address, trimmed and in lower case
 * @param deviceId a stable id of the prospect's device, e.g. from a device-fingerprinting service
 * @param paymentFingerprint the payment provider's fingerprint of the prospect's card or account
 */
public record Signals(
    Optional<String> ipAddress, Optional<String> deviceId, Optional<String> paymentFingerprint) {

  /** No signals. */
  public static final Signals NONE =
      new Signals(Optional.empty(), Optional.empty(), Optional.empty());

  /** The longest signal value accepted. */
  public static final int MAX_LENGTH = 512;

  /** Validates the fields; a value must not be blank, longer than 512 or contain control chars. */
  public Signals {
    ipAddress =
        Objects.requireNonNull(ipAddress, "ipAddress")
            .map(v -> check(v, "ipAddress").toLowerCase(Locale.ROOT));
    deviceId = Objects.requireNonNull(deviceId, "deviceId").map(v -> check(v, "deviceId"));
    paymentFingerprint =
        Objects.requireNonNull(paymentFingerprint, "paymentFingerprint")
            .map(v -> check(v, "paymentFingerprint"));
  }

  // The messages never contain the value: it is personal data.
  private static String check(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (stripped.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be at most " + MAX_LENGTH + " characters but was " + stripped.length());
    }
    for (int i = 0; i < stripped.length(); i++) {
      if (Character.isISOControl(stripped.charAt(i))) {
        throw new IllegalArgumentException(name + " must not contain control characters");
      }
    }
    return stripped;
  }

  /** A copy with {@code ipAddress}. */
  public Signals withIpAddress(String ipAddress) {
    return new Signals(Optional.of(check(ipAddress, "ipAddress")), deviceId, paymentFingerprint);
  }

  /** A copy with {@code deviceId}. */
  public Signals withDeviceId(String deviceId) {
    return new Signals(ipAddress, Optional.of(check(deviceId, "deviceId")), paymentFingerprint);
  }

  /** A copy with {@code paymentFingerprint}. */
  public Signals withPaymentFingerprint(String paymentFingerprint) {
    return new Signals(
        ipAddress, deviceId, Optional.of(check(paymentFingerprint, "paymentFingerprint")));
  }

  /** Whether no signal is present. */
  public boolean isEmpty() {
    return ipAddress.isEmpty() && deviceId.isEmpty() && paymentFingerprint.isEmpty();
  }

  /** Names the signals present, never their values. */
  @Override
  public String toString() {
    return "Signals[ipAddress="
        + mask(ipAddress)
        + ", deviceId="
        + mask(deviceId)
        + ", paymentFingerprint="
        + mask(paymentFingerprint)
        + "]";
  }

  private static String mask(Optional<String> value) {
    return value.isPresent() ? "<present>" : "<absent>";
  }
}
