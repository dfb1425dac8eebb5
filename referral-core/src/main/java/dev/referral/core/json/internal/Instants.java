package dev.referral.core.json.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * {@link Instant#toString()} and {@link Instant#parse} without {@code DateTimeFormatter}, for the
 * years 0 to 9999; other years and unusual text (leap seconds, offsets) take the JDK's way. Same
 * text, same values.
 */
public final class Instants {

  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
  private static final int SECONDS_PER_DAY = 86_400;

  private Instants() {}

  /** {@code instant.toString()}. */
  public static String format(Instant instant) {
    long seconds = Objects.requireNonNull(instant, "instant").getEpochSecond();
    if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
      return instant.toString();
    }
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    int nano = instant.getNano();
    byte[] text = new byte[31];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    int end = 19;
    if (nano > 0) {
      text[end++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(text, end, nano / 1_000_000, 3);
        end += 3;
      } else if (nano % 1000 == 0) {
        digits(text, end, nano / 1000, 6);
        end += 6;
      } else {
        digits(text, end, nano, 9);
        end += 9;
      }
    }
    text[end++] = 'Z';
    return new String(text, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static void digits(byte[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /** {@code Instant.parse(text)}. */
  public static Instant parse(String text) {
    int length = Objects.requireNonNull(text, "text").length();
    if (length < 20
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nano = 0;
    if (length > 20) {
      int fraction = length - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return Instant.parse(text);
      }
      nano = number(text, 20, fraction);
      for (int i = fraction; i < 9 && nano >= 0; i++) {
        nano *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nano) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return Instant.parse(text);
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Instant.parse(text);
    }
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
  }

  /** The decimal number of {@code width} digits at {@code at}, or -1 if one is not a digit. */
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
