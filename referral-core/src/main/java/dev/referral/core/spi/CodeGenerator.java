package dev.referral.core.spi;

import dev.referral.core.ReferralCode;
import dev.referral.core.internal.SecureCodeGenerator;

/**
 * Generates referral codes. The program retries when a generated code is taken. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface CodeGenerator {

  /** The length of codes from {@link #secureRandom()}: 10 characters, about 49.5 bits. */
  int DEFAULT_LENGTH = 10;

  /** A new code. */
  ReferralCode generate();

  /**
   * Codes of {@value #DEFAULT_LENGTH} characters drawn with {@link java.security.SecureRandom} from
   * {@link ReferralCode#ALPHABET}.
   */
  static CodeGenerator secureRandom() {
    return new SecureCodeGenerator(DEFAULT_LENGTH);
  }

  /**
   * Codes of {@code length} characters drawn with {@link java.security.SecureRandom}.
   *
   * @throws IllegalArgumentException if {@code length} gives less than 40 bits of entropy (fewer
   *     than 9 characters) or is above {@link ReferralCode#MAX_LENGTH}
   */
  static CodeGenerator secureRandom(int length) {
    return new SecureCodeGenerator(length);
  }
}
