package io.vigil.analytics.backtest;

/** Receives progress of a runner, e.g. to draw the CLI's progress bar. */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (rows, read, total) -> {};

  /**
   * Called every {@code progressEvery} rows and once at the end.
   *
   * @param rows data rows processed so far
   * @param charsRead characters consumed from the input (≈ bytes for ASCII CSV)
   * @param totalChars input size if known (file size in bytes), else -1
   */
  void onProgress(long rows, long charsRead, long totalChars);
}
