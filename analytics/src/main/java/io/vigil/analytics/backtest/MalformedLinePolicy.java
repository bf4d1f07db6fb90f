package io.vigil.analytics.backtest;

/** What a reader does with a malformed line. */
public enum MalformedLinePolicy {
  /** Stop with a {@link CsvFormatException} naming the line (default). */
  FAIL,
  /** Drop the line (it produces no output row) and count it. */
  SKIP
}
