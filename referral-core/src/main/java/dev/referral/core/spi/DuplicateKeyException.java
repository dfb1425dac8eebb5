package dev.referral.core.spi;

import dev.referral.core.ReferralException;
import dev.referral.core.internal.Checks;

/** Thrown by a store when a unique key (an id, a code, an idempotency key) is already taken. */
public final class DuplicateKeyException extends ReferralException {
  private static final long serialVersionUID = 1L;

  private final String keyKind;
  private final String key;

  /** An exception for {@code key} of kind {@code keyKind} (e.g. "reward idempotency key"). */
  public DuplicateKeyException(String keyKind, String key) {
    super(
        Checks.notNull(keyKind, "keyKind") + " " + Checks.notNull(key, "key") + " already exists");
    this.keyKind = keyKind;
    this.key = key;
  }

  /** What kind of key, e.g. {@code "referral code"}. */
  public String keyKind() {
    return keyKind;
  }

  /** The key that was taken. */
  public String key() {
    return key;
  }
}
