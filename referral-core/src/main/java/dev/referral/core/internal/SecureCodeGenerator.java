package dev.referral.core.internal;

import dev.referral.core.ReferralCode;
import dev.referral.core.spi.CodeGenerator;
import java.security.SecureRandom;

/** Codes drawn with {@link SecureRandom} from the unambiguous alphabet. Thread-safe. */
public final class SecureCodeGenerator implements CodeGenerator {
  /** The fewest characters that give 40 bits: 31^8 is below 2^40, 31^9 above. */
  public static final int MIN_LENGTH = 9;

  private final SecureRandom random = new SecureRandom();
  private final int length;

  /** A generator of codes with {@code length} characters. */
  public SecureCodeGenerator(int length) {
    if (length < MIN_LENGTH || length > ReferralCode.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length must be between "
              + MIN_LENGTH
              + " (40 bits of entropy) and "
              + ReferralCode.MAX_LENGTH
              + " but was "
              + length);
    }
    this.length = length;
  }

  @Override
  public ReferralCode generate() {
    char[] chars = new char[length];
    String alphabet = ReferralCode.ALPHABET;
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new ReferralCode(new String(chars));
  }

  @Override
  public String toString() {
    return "CodeGenerator.secureRandom(" + length + ")";
  }
}
