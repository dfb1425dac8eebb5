package dev.referral.core;

import java.util.Objects;

/**
 * How a notification travels. Hosts can add their own channels with {@link #of(String)}.
 *
 * @param name upper-case letters, digits and underscores
 */
public record Channel(String name) {

  /** Email. */
  public static final Channel EMAIL = new Channel("EMAIL");

  /** Text message. */
  public static final Channel SMS = new Channel("SMS");

  /** A printed letter or newsletter. */
  public static final Channel LETTER = new Channel("LETTER");

  /** Validates the name. */
  public Channel {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Z][A-Z0-9_]{0,31}")) {
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
