package io.vigil.analytics.backtest;

import io.vigil.analytics.forecast.Forecast;
import io.vigil.analytics.forecast.ForecastPoint;
import io.vigil.analytics.forecast.LoadForecaster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Forecasts a CSV series (what {@code vigil forecast --horizon N} runs) with the same {@link
 * LoadForecaster} as the forecast job, and writes {@code
 * step,timestamp,forecast,lower80,upper80,lower95,upper95}.
 *
 * <p>Rules: the rows are put on a regular grid of {@code stepMillis} (given, or the median positive
 * gap between consecutive rows) starting at the earliest timestamp; a step's value is the mean of
 * its finite values, whatever the row order; an empty step carries the previous value forward.
 * {@code seasonPeriod} is in steps; {@link #AUTO_SEASON} picks one day when the step divides a day.
 * Output timestamps are epoch millis when the input's first timestamp was, ISO-8601 otherwise.
 * Unlike scoring, forecasting keeps the whole history in memory (one double per step).
 */
public final class ForecastRunner {

  /** Season value asking for a daily season when the step divides a day. */
  public static final int AUTO_SEASON = -1;

  /** Header of the output CSV. */
  public static final String OUTPUT_HEADER =
      "step,timestamp,forecast,lower80,upper80,lower95,upper95";

  private static final long DAY_MILLIS = 86_400_000L;
  private static final int MAX_STEPS = 10_000_000;

  private final LoadForecaster forecaster;
  private final MalformedLinePolicy policy;

  public ForecastRunner() {
    this(new LoadForecaster(), MalformedLinePolicy.FAIL);
  }

  public ForecastRunner(LoadForecaster forecaster, MalformedLinePolicy policy) {
    this.forecaster = forecaster;
    this.policy = policy;
  }

  /** Forecasts file {@code input} into file {@code output}. */
  public ForecastSummary run(
      Path input,
      Path output,
      int horizon,
      int seasonPeriod,
      long stepMillis,
      ProgressListener progress)
      throws IOException {
    long total = Files.size(input);
    try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      return run(in, out, total, horizon, seasonPeriod, stepMillis, progress);
    }
  }

  /**
   * Forecasts {@code in} into {@code out}; neither is closed.
   *
   * @param horizon steps to forecast (≥ 1)
   * @param seasonPeriod season in steps, 0 for none, {@link #AUTO_SEASON} for daily
   * @param stepMillis step of the grid, or 0 to infer it
   */
  public ForecastSummary run(
      Reader in,
      Writer out,
      long totalChars,
      int horizon,
      int seasonPeriod,
      long stepMillis,
      ProgressListener progress) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1: " + horizon);
    }
    SeriesCsvReader reader = new SeriesCsvReader(in, policy);
    long[] ts = new long[1024];
    double[] vs = new double[1024];
    int n = 0;
    boolean epochOutput = true;
    SeriesRow row;
    while ((row = reader.next()) != null) {
      if (n == 0) {
        epochOutput = TimestampParser.isEpochMillis(row.timestampText());
      }
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ts[n] = row.timestampMillis();
      vs[n] = row.value();
      n++;
      if (n % 10_000 == 0) {
        progress.onProgress(n, reader.charsRead(), totalChars);
      }
    }
    progress.onProgress(n, reader.charsRead(), totalChars);
    if (n == 0) {
      throw new IllegalArgumentException("input has no data rows");
    }
    long step = stepMillis > 0 ? stepMillis : inferStep(ts, n);
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      t0 = Math.min(t0, ts[i]);
      t1 = Math.max(t1, ts[i]);
    }
    long steps = Math.floorDiv(t1 - t0, step) + 1;
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          "timestamps span " + steps + " steps of " + step + " ms (max " + MAX_STEPS + ")");
    }
    double[] sum = new double[(int) steps];
    int[] count = new int[(int) steps];
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(vs[i])) {
        int b = (int) Math.floorDiv(ts[i] - t0, step);
        sum[b] += vs[i];
        count[b]++;
      }
    }
    double[] history = new double[(int) steps];
    for (int b = 0; b < steps; b++) {
      history[b] = count[b] > 0 ? sum[b] / count[b] : Double.NaN;
    }
    int season = seasonPeriod == AUTO_SEASON ? autoSeason(step) : Math.max(0, seasonPeriod);
    Forecast f = forecaster.forecast(history, season, horizon);
    long lastBucketStart = t0 + (steps - 1) * step;
    write(out, f, lastBucketStart, step, epochOutput);
    return new ForecastSummary(
        f, n, reader.skipped(), step, season, (int) steps, lastBucketStart + step);
  }

  private static void write(
      Writer out, Forecast f, long lastBucketStart, long step, boolean epoch) {
    try {
      BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out);
      w.write(OUTPUT_HEADER);
      w.write('\n');
      for (ForecastPoint p : f.points()) {
        long t = lastBucketStart + p.step() * step;
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%.6f,%.6f,%.6f,%.6f,%.6f%n",
                p.step(),
                epoch ? Long.toString(t) : Instant.ofEpochMilli(t).toString(),
                p.mean(),
                p.lower80(),
                p.upper80(),
                p.lower95(),
                p.upper95()));
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write forecast", e);
    }
  }

  /** Median of the positive gaps between consecutive rows (1 ms if there is none). */
  static long inferStep(long[] ts, int n) {
    long[] gaps = new long[Math.max(0, n - 1)];
    int g = 0;
    for (int i = 1; i < n; i++) {
      long d = ts[i] - ts[i - 1];
      if (d > 0) {
        gaps[g++] = d;
      }
    }
    if (g == 0) {
      return 1;
    }
    long[] positive = Arrays.copyOf(gaps, g);
    Arrays.sort(positive);
    return positive[g / 2];
  }

  static int autoSeason(long step) {
    return DAY_MILLIS % step == 0 && DAY_MILLIS / step >= 2 ? (int) (DAY_MILLIS / step) : 0;
  }
}
