package io.vigil.analytics.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts a load series observed at a fixed step (what the forecast job and {@code vigil
 * forecast} call).
 *
 * <p>Model choice: with a season of {@code m >= 2} steps and at least {@code 2 m} observations,
 * additive Holt-Winters (hand-written; Smile has none); otherwise Holt's linear trend with {@code
 * seasonal = false} and the note {@code "history too short for seasonal model: N < 2×m"} (or {@code
 * "no season given"} for {@code m < 2}); below 3 observations a naive last-value forecast.
 * Holt-Winters starts from seasonal terms averaged over every complete season of the history and
 * over {@link #smoothingWidth neighbouring phases} ({@code HoltWinters.averagedSeasons}). Smoothing
 * parameters minimise the in-sample one-step squared error (grid search, then coordinate refinement
 * to 0.001; {@code gamma <= 1 - alpha}).
 *
 * <p>Intervals: {@code mean ± z sigma sqrt(v(h))}, z = 1.2816 (80 %) and 1.9600 (95 %), {@code
 * sigma^2} the in-sample one-step residual variance and {@code v(h)} the state-space variance
 * multiplier ({@link HoltWinters#varianceMultiplier}; {@code v(h) = h} for naive), which never
 * decreases with {@code h}: intervals widen with the horizon. With {@code nonNegative} the mean and
 * bounds are clipped at 0 (load cannot be negative), which keeps their order. Non-finite history
 * values are replaced by the previous finite value (the first finite value for a leading run).
 */
public final class LoadForecaster {

  static final double Z80 = 1.2815515655446004;
  static final double Z95 = 1.959963984540054;

  private static final double[] ALPHAS = {
    0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95
  };
  private static final double[] BETAS = {0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5};
  private static final double[] GAMMAS = {0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5};

  private final boolean nonNegative;

  /** A forecaster that clips at 0. */
  public LoadForecaster() {
    this(true);
  }

  /** A forecaster; {@code nonNegative} clips the forecast and its intervals at 0. */
  public LoadForecaster(boolean nonNegative) {
    this.nonNegative = nonNegative;
  }

  /**
   * Forecasts {@code horizon} steps after the last value of {@code history}.
   *
   * @param history observations at a fixed step, oldest first (at least one finite value)
   * @param seasonPeriod season length in steps (e.g. 1440 for daily at 1 min); below 2 = none
   * @param horizon steps to forecast (≥ 1)
   */
  public Forecast forecast(double[] history, int seasonPeriod, int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1: " + horizon);
    }
    double[] y = fillNonFinite(history);
    int n = y.length;
    int m = Math.max(seasonPeriod, 0);
    if (n < 3) {
      return naive(y, m, horizon);
    }
    if (m >= 2 && n >= 2 * m) {
      HoltWinters hw = fit(y, m);
      return build(hw, n, horizon, true, "holt-winters-additive", "", m, 3);
    }
    String note =
        m >= 2 ? "history too short for seasonal model: " + n + " < 2×" + m : "no season given";
    HoltWinters holt = fit(y, 0);
    return build(holt, n, horizon, false, "holt-linear", note, m, 2);
  }

  private Forecast build(
      HoltWinters model,
      int n,
      int horizon,
      boolean seasonal,
      String method,
      String note,
      int m,
      int k) {
    double sigma = Math.sqrt(model.residualVariance(k));
    List<ForecastPoint> points = new ArrayList<>(horizon);
    for (int h = 1; h <= horizon; h++) {
      double sd = sigma * Math.sqrt(model.varianceMultiplier(h));
      points.add(point(h, model.forecast(n, h), sd));
    }
    return new Forecast(
        points,
        seasonal,
        method,
        note,
        m,
        sigma,
        model.alpha,
        model.beta,
        seasonal ? model.gamma : Double.NaN,
        n);
  }

  private Forecast naive(double[] y, int m, int horizon) {
    double last = y[y.length - 1];
    double sigma = y.length == 2 ? Math.abs(y[1] - y[0]) : 0.0;
    List<ForecastPoint> points = new ArrayList<>(horizon);
    for (int h = 1; h <= horizon; h++) {
      points.add(point(h, last, sigma * Math.sqrt(h)));
    }
    return new Forecast(
        points,
        false,
        "naive",
        "history too short for a trend model: " + y.length + " < 3",
        m,
        sigma,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        y.length);
  }

  private ForecastPoint point(int h, double mean, double sd) {
    double lo95 = mean - Z95 * sd;
    double lo80 = mean - Z80 * sd;
    double hi80 = mean + Z80 * sd;
    double hi95 = mean + Z95 * sd;
    if (nonNegative) {
      return new ForecastPoint(h, clip(mean), clip(lo95), clip(lo80), clip(hi80), clip(hi95));
    }
    return new ForecastPoint(h, mean, lo95, lo80, hi80, hi95);
  }

  private static double clip(double x) {
    return Math.max(0.0, x);
  }

  /** Minimises one-step SSE over (alpha, beta[, gamma]); {@code m = 0} fits Holt linear. */
  static HoltWinters fit(double[] y, int m) {
    HoltWinters.Initial initial =
        m > 0 ? HoltWinters.averagedSeasons(y, m, smoothingWidth(m)) : null;
    double[] best = null;
    double bestSse = Double.POSITIVE_INFINITY;
    double[] gammas = m > 0 ? GAMMAS : new double[] {0.0};
    for (double a : ALPHAS) {
      for (double b : BETAS) {
        for (double g : gammas) {
          if (m > 0 && g > 1 - a) {
            continue;
          }
          double sse = HoltWinters.run(y, a, b, g, m, initial).sse;
          if (sse < bestSse) {
            bestSse = sse;
            best = new double[] {a, b, g};
          }
        }
      }
    }
    int dims = m > 0 ? 3 : 2;
    double step = 0.05;
    while (step >= 0.001) {
      boolean improved = false;
      for (int d = 0; d < dims; d++) {
        for (int sign = -1; sign <= 1; sign += 2) {
          double[] trial = best.clone();
          trial[d] += sign * step;
          if (!valid(trial, m)) {
            continue;
          }
          double sse = HoltWinters.run(y, trial[0], trial[1], trial[2], m, initial).sse;
          if (sse < bestSse) {
            bestSse = sse;
            best = trial;
            improved = true;
          }
        }
      }
      if (!improved) {
        step /= 2;
      }
    }
    return HoltWinters.run(y, best[0], best[1], best[2], m, initial);
  }

  /**
   * Width of the moving average over neighbouring phases that smooths the initial seasonal terms:
   * the odd number nearest {@code m / 96} (15 phases of a daily season at 1-minute steps, 3 at
   * 5-minute steps), 1 (none) for seasons under 192 steps. Load follows a smooth daily curve; the
   * difference between neighbouring minutes of one day is noise.
   */
  static int smoothingWidth(int m) {
    return 2 * (m / 192) + 1;
  }

  private static boolean valid(double[] p, int m) {
    boolean ok = p[0] >= 0.001 && p[0] <= 0.999 && p[1] >= 0.0001 && p[1] <= 0.999;
    if (m > 0) {
      ok &= p[2] >= 0.0001 && p[2] <= 1 - p[0];
    }
    return ok;
  }

  static double[] fillNonFinite(double[] history) {
    double[] y = history.clone();
    int first = -1;
    for (int i = 0; i < y.length; i++) {
      if (Double.isFinite(y[i])) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      throw new IllegalArgumentException("history has no finite value");
    }
    double last = y[first];
    for (int i = 0; i < y.length; i++) {
      if (Double.isFinite(y[i])) {
        last = y[i];
      } else {
        y[i] = last;
      }
    }
    return y;
  }
}
