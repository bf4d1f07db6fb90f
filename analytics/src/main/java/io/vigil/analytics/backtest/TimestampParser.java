package io.vigil.analytics.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses CSV timestamps to epoch millis. Accepted: an integer (epoch milliseconds, may be
 * negative), ISO-8601 instants with {@code Z} or an offset ({@code 2026-01-02T03:04:05.678+01:00}),
 * local date-times taken as UTC ({@code 2026-01-02T03:04:05}, also with a space instead of {@code
 * T}) and dates (midnight UTC).
 */
public final class TimestampParser {

  private TimestampParser() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is none of the accepted forms
   */
  public static long parseMillis(String text) {
    String s = text.trim();
    if (isInteger(s)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("epoch millis out of range: " + s, e);
      }
    }
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException notOffset) {
      // fall through to the next accepted form
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      // fall through to the next accepted form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException notLocal) {
      // fall through to the next accepted form
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException notDate) {
      throw new IllegalArgumentException(
          "not a timestamp (epoch millis or ISO-8601): '" + text + "'", notDate);
    }
  }

  /** Whether {@code text} looks like epoch millis rather than ISO-8601. */
  public static boolean isEpochMillis(String text) {
    return isInteger(text.trim());
  }

  private static boolean isInteger(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
