package dev.referral.examples.shop;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printed story of a run: one header per day with news, then one line per happening, stamped
 * with the simulated clock's time (never the wall clock, so runs with one seed print the same).
 */
final class Timeline {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private final Clock clock;
  private final PrintStream out;
  private final List<String> lines = new ArrayList<>();
  private LocalDate day;

  Timeline(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  /** A happening now: {@code " 10:00 text"}, under the day's header. */
  void at(String text) {
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!now.toLocalDate().equals(day)) {
      day = now.toLocalDate();
      print("");
      print("== " + DAY.format(now) + " ==");
    }
    print("  " + TIME.format(now) + "  " + text);
  }

  /** A consequence of the last happening, indented under it. */
  void detail(String text) {
    print("           " + text);
  }

  /** A line of its own. */
  void print(String line) {
    lines.add(line);
    out.println(line);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
