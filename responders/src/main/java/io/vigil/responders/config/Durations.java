package io.vigil.responders.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations used in policy files: either ISO-8601 ({@code PT15M}) or a number
 * with a unit suffix ({@code 500ms}, {@code 15s}, {@code 15m}, {@code 4h}, {@code 7d}).
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message saying which formats are accepted
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration out of range: '" + text + "'", e);
      }
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(invalid(text), e);
      }
    }
    throw new IllegalArgumentException(invalid(text));
  }

  /** Prints a duration in the short form when it is a whole number of one unit, else ISO-8601. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() % 86_400_000L == 0) {
      return d.toDays() + "d";
    }
    if (d.toMillis() % 3_600_000L == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000L == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1_000L == 0) {
      return d.toSeconds() + "s";
    }
    if (d.getNano() % 1_000_000 == 0) {
      return d.toMillis() + "ms";
    }
    return d.toString();
  }

  private static String invalid(String text) {
    return "expected a duration such as 15s, 15m, 4h, 7d or PT15M, got '" + text + "'";
  }
}
