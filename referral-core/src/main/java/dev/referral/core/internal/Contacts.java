package dev.referral.core.internal;

import java.util.Locale;
import java.util.Objects;

/** Validation and canonical forms of email addresses and phone numbers. */
public final class Contacts {
  private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

  private Contacts() {}

  /**
   * Returns {@code email} trimmed and in lower case.
   *
   * @throws IllegalArgumentException naming {@code name} if the address is malformed
   */
  public static String email(String email, String name) {
    Objects.requireNonNull(email, name);
    String value = email.strip().toLowerCase(Locale.ROOT);
    String problem = emailProblem(value);
    if (problem != null) {
      throw new IllegalArgumentException(name + " is not a valid email address (" + problem + ")");
    }
    return value;
  }

  private static String emailProblem(String value) {
    if (value.isEmpty()) {
      return "blank";
    }
    if (value.length() > 254) {
      return "longer than 254 characters";
    }
    int at = value.indexOf('@');
    if (at < 0 || at != value.lastIndexOf('@')) {
      return "it needs exactly one @";
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (local.isEmpty() || local.length() > 64) {
      return "the part before @ must have 1 to 64 characters";
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return "misplaced dot before @";
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0)) {
        return "character '" + c + "' is not allowed before @";
      }
    }
    if (!domain.contains(".")) {
      return "the domain needs a dot";
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return "empty or too long domain label";
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        return "domain label starts or ends with a hyphen";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(isAsciiLetterOrDigit(c) || c == '-')) {
          return "character '" + c + "' is not allowed in the domain";
        }
      }
    }
    return null;
  }

  /** Whether {@code c} is one of the special characters allowed before the {@code @}. */
  public static boolean isLocalPartSpecial(char c) {
    return LOCAL_SPECIALS.indexOf(c) >= 0;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Returns {@code phone} as digits with a leading {@code +}: spaces, dots, hyphens and parentheses
   * are dropped and a leading {@code 00} becomes {@code +}.
   *
   * @throws IllegalArgumentException naming {@code name} unless 7 to 15 digits remain
   */
  public static String phone(String phone, String name) {
    Objects.requireNonNull(phone, name);
    String value = phone.strip();
    StringBuilder digits = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && i == 0) {
        continue;
      } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')) {
        throw new IllegalArgumentException(
            name + " is not a valid phone number (character '" + c + "' is not allowed)");
      }
    }
    if (!value.startsWith("+") && digits.length() > 2 && digits.indexOf("00") == 0) {
      digits.delete(0, 2);
    }
    if (digits.length() < 7 || digits.length() > 15) {
      throw new IllegalArgumentException(
          name
              + " is not a valid phone number (it needs 7 to 15 digits, has "
              + digits.length()
              + ")");
    }
    return "+" + digits;
  }
}
