package io.vigil.analytics.backtest;

/** A malformed CSV line, with its 1-based line number. */
public class CsvFormatException extends RuntimeException {

  private final long lineNumber;

  public CsvFormatException(long lineNumber, String message, Throwable cause) {
    super("line " + lineNumber + ": " + message, cause);
    this.lineNumber = lineNumber;
  }

  /** 1-based line number of the malformed line. */
  public long lineNumber() {
    return lineNumber;
  }
}
