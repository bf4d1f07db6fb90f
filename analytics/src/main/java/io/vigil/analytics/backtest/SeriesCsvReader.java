package io.vigil.analytics.backtest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Streams the rows of a {@code timestamp,value} CSV, one at a time, in input order (constant
 * memory).
 *
 * <p>Format rules: lines are separated by LF or CRLF; a UTF-8 BOM is ignored; blank lines and lines
 * starting with {@code #} are skipped; the first content line is a header (and skipped) when its
 * first field is not a timestamp and contains a letter; fields may be wrapped in double quotes; a
 * data line has exactly two fields: a timestamp ({@link TimestampParser}) and a number ({@code
 * NaN}, {@code inf}, {@code -inf}, {@code Infinity} accepted; an empty value reads as NaN, i.e.
 * missing). Anything else is malformed: with {@link MalformedLinePolicy#FAIL} a {@link
 * CsvFormatException} names the line; with {@link MalformedLinePolicy#SKIP} the line is dropped and
 * counted.
 */
public final class SeriesCsvReader implements Closeable {

  private final CountingReader counting;
  private final BufferedReader in;
  private final MalformedLinePolicy policy;
  private long lineNumber;
  private boolean sawContent;
  private long skipped;
  private long firstSkippedLine = -1;

  public SeriesCsvReader(Reader reader, MalformedLinePolicy policy) {
    this.counting = new CountingReader(reader);
    this.in = new BufferedReader(counting, 1 << 16);
    this.policy = policy;
  }

  /** Next data row, or null at the end of the input. */
  public SeriesRow next() {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        boolean first = !sawContent;
        sawContent = true;
        try {
          return parse(trimmed);
        } catch (IllegalArgumentException e) {
          if (first && looksLikeHeader(trimmed)) {
            continue;
          }
          if (policy == MalformedLinePolicy.FAIL) {
            throw new CsvFormatException(
                lineNumber, e.getMessage() + " in '" + abbreviate(line) + "'", e);
          }
          skipped++;
          if (firstSkippedLine < 0) {
            firstSkippedLine = lineNumber;
          }
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV after line " + lineNumber, e);
    }
  }

  /** Malformed lines skipped so far (always 0 with {@link MalformedLinePolicy#FAIL}). */
  public long skipped() {
    return skipped;
  }

  /** Line number of the first skipped line, or -1. */
  public long firstSkippedLine() {
    return firstSkippedLine;
  }

  /** Characters consumed from the input so far (read-ahead included). */
  public long charsRead() {
    return counting.count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private SeriesRow parse(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length != 2) {
      throw new IllegalArgumentException(
          "expected 2 fields (timestamp,value), found " + fields.length);
    }
    String ts = unquote(fields[0]);
    String valueText = unquote(fields[1]);
    long millis = TimestampParser.parseMillis(ts);
    return new SeriesRow(lineNumber, ts, millis, valueText, parseValue(valueText));
  }

  static double parseValue(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char last = s.charAt(s.length() - 1);
    if (!Character.isDigit(last) && last != '.') {
      // Double.parseDouble would accept suffixes such as "1d" or "2f": not numbers in a CSV
      throw new IllegalArgumentException("not a number: '" + text + "'");
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + text + "'", e);
    }
  }

  private static boolean looksLikeHeader(String line) {
    String firstField = unquote(line.split(",", -1)[0]);
    try {
      TimestampParser.parseMillis(firstField);
      return false;
    } catch (IllegalArgumentException e) {
      return firstField.chars().anyMatch(Character::isLetter);
    }
  }

  private static String unquote(String field) {
    String f = field.trim();
    if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
      f = f.substring(1, f.length() - 1).trim();
    }
    return f;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }

  private static final class CountingReader extends FilterReader {
    long count;

    CountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
