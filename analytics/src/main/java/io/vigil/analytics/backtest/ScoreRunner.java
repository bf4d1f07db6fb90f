package io.vigil.analytics.backtest;

import io.vigil.analytics.univariate.UnivariateDetector;
import io.vigil.analytics.univariate.UnivariateScore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Backtests the {@link UnivariateDetector} on a CSV series (what {@code vigil score} runs): reads
 * {@code timestamp,value} with {@link SeriesCsvReader} and writes {@code
 * timestamp,value,anomaly_score}.
 *
 * <p>Rules: exactly one output row per input data row, in input order, whatever the timestamps do
 * (repeats and backward steps are scored in arrival order); the timestamp and value are echoed as
 * written; the score has 6 decimals in [0,1]; NaN/infinite values score 0. Streaming: memory does
 * not grow with the input. Malformed lines follow the {@link MalformedLinePolicy}.
 */
public final class ScoreRunner {

  /** Header of the output CSV. */
  public static final String OUTPUT_HEADER = "timestamp,value,anomaly_score";

  private final UnivariateDetector.Config config;
  private final MalformedLinePolicy policy;
  private final int progressEvery;

  /** Default detector, FAIL on malformed lines, progress every 10,000 rows. */
  public ScoreRunner() {
    this(UnivariateDetector.Config.defaults(), MalformedLinePolicy.FAIL, 10_000);
  }

  public ScoreRunner(
      UnivariateDetector.Config config, MalformedLinePolicy policy, int progressEvery) {
    if (progressEvery < 1) {
      throw new IllegalArgumentException("progressEvery must be >= 1: " + progressEvery);
    }
    this.config = config;
    this.policy = policy;
    this.progressEvery = progressEvery;
  }

  /** Scores file {@code input} into file {@code output} (UTF-8). */
  public ScoreSummary run(Path input, Path output, ProgressListener progress) throws IOException {
    long total = Files.size(input);
    try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      return run(in, out, total, progress);
    }
  }

  /**
   * Scores {@code in} into {@code out}; neither is closed.
   *
   * @param totalChars input size for progress, or -1 if unknown
   */
  public ScoreSummary run(Reader in, Writer out, long totalChars, ProgressListener progress) {
    UnivariateDetector detector = new UnivariateDetector(config);
    SeriesCsvReader reader = new SeriesCsvReader(in, policy);
    BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
    long rows = 0;
    long nonFinite = 0;
    long backwards = 0;
    double max = 0;
    StringBuilder line = new StringBuilder(64);
    try {
      w.write(OUTPUT_HEADER);
      w.write('\n');
      SeriesRow row;
      while ((row = reader.next()) != null) {
        UnivariateScore s = detector.score(row.timestampMillis(), row.value());
        rows++;
        if (s.status() == UnivariateScore.Status.NON_FINITE) {
          nonFinite++;
        }
        if (s.timestampNotIncreasing()) {
          backwards++;
        }
        max = Math.max(max, s.score());
        line.setLength(0);
        line.append(row.timestampText()).append(',').append(row.valueText()).append(',');
        appendFixed6(line, s.score());
        line.append('\n');
        w.append(line);
        if (rows % progressEvery == 0) {
          progress.onProgress(rows, reader.charsRead(), totalChars);
        }
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write scores after row " + rows, e);
    }
    progress.onProgress(rows, reader.charsRead(), totalChars);
    return new ScoreSummary(
        rows, reader.skipped(), reader.firstSkippedLine(), nonFinite, backwards, max);
  }

  /** Appends {@code x} in [0,1] with exactly 6 decimals, without String.format's cost. */
  static void appendFixed6(StringBuilder sb, double x) {
    long micros = Math.round(Math.max(0.0, Math.min(1.0, x)) * 1_000_000L);
    sb.append(micros / 1_000_000L).append('.');
    String frac = Long.toString(micros % 1_000_000L);
    for (int i = frac.length(); i < 6; i++) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
