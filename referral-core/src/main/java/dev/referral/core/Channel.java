package dev.referral.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a notification travels. Hosts can add their own channels with {@link #of(String)}.
 *
 * @param name upper-case letters, digits and underscores
 */
public record Channel(String name) {

  /** The valid names (declared first: the constants below use it). */
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  /** Email. */
  public static final Channel EMAIL = new Channel("EMAIL");

  /** Text message. */
  public static final Channel SMS = new Channel("SMS");

  /** A printed letter or newsletter. */
  public static final Channel LETTER = new Channel("LETTER");

  /** Validates the name. */
  public Channel {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be upper-case letters, digits and underscores, starting with a letter: '"
              + name
              + "'");
    }
  }

  /** The channel named {@code name}. */
  public static Channel of(String name) {
    return new Channel(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
