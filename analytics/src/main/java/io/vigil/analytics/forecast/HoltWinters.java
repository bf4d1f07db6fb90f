package io.vigil.analytics.forecast;

/**
 * Additive Holt-Winters (and, with {@code m = 0}, Holt's linear trend) in the component form of
 * Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 2nd ed., §7.2-7.3:
 *
 * <pre>
 *   forecast  y(t+h|t) = l(t) + h b(t) + s(t+h-m(k+1)),  k = floor((h-1)/m)
 *   level     l(t) = alpha (y(t) - s(t-m)) + (1 - alpha)(l(t-1) + b(t-1))
 *   trend     b(t) = beta (l(t) - l(t-1)) + (1 - beta) b(t-1)
 *   season    s(t) = gamma (y(t) - l(t-1) - b(t-1)) + (1 - gamma) s(t-m)
 * </pre>
 *
 * <p>Initial states (seasonal, {@link #firstSeason}): {@code l} = mean of the first season placed
 * at its last point using {@code b} = (mean of season 2 − mean of season 1) / m, and {@code s(i)} =
 * the first season's deviations from that trend line; the recursion starts at {@code t = m}. The
 * forecaster starts from {@link #averagedSeasons} instead. Holt: {@code l(1) = y(1)}, {@code b(1) =
 * y(1) - y(0)}, recursion from {@code t = 2}.
 */
final class HoltWinters {

  final double alpha;
  final double beta;
  final double gamma;
  final int m;
  double level;
  double trend;
  final double[] season;
  double sse;
  int residuals;

  private HoltWinters(double alpha, double beta, double gamma, int m) {
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.m = m;
    this.season = new double[Math.max(m, 1)];
  }

  /** Runs the recursion over {@code y} with fixed parameters; {@code m = 0} is Holt linear. */
  static HoltWinters run(double[] y, double alpha, double beta, double gamma, int m) {
    return run(y, alpha, beta, gamma, m, m > 0 ? firstSeason(y, m) : null);
  }

  /**
   * Runs the recursion from the given initial seasonal state ({@code null} or ignored for {@code m
   * = 0}); the recursion starts at {@code t = m}.
   */
  static HoltWinters run(
      double[] y, double alpha, double beta, double gamma, int m, Initial initial) {
    HoltWinters hw = new HoltWinters(alpha, beta, m > 0 ? gamma : 0.0, m);
    int start;
    if (m > 0) {
      hw.level = initial.level();
      hw.trend = initial.trend();
      System.arraycopy(initial.season(), 0, hw.season, 0, m);
      start = m;
    } else {
      hw.level = y[1];
      hw.trend = y[1] - y[0];
      start = 2;
    }
    for (int t = start; t < y.length; t++) {
      hw.step(t, y[t]);
    }
    return hw;
  }

  /**
   * Initial seasonal state at the end of the first season ({@code t = m - 1}).
   *
   * @param level level
   * @param trend trend per step
   * @param season seasonal terms of phases {@code 0..m-1}
   */
  record Initial(double level, double trend, double[] season) {}

  /** The textbook start (class comment): everything from the first two seasons. */
  static Initial firstSeason(double[] y, int m) {
    double mean1 = 0;
    double mean2 = 0;
    for (int i = 0; i < m; i++) {
      mean1 += y[i];
      mean2 += y[m + i];
    }
    mean1 /= m;
    mean2 /= m;
    double trend = (mean2 - mean1) / m;
    double centre = (m - 1) / 2.0;
    double[] season = new double[m];
    for (int i = 0; i < m; i++) {
      season[i] = y[i] - (mean1 + trend * (i - centre));
    }
    return new Initial(mean1 + trend * centre, trend, season);
  }

  /**
   * A start that uses every complete season of {@code y} (at least two): the trend is the slope
   * between the first and last season means; the seasonal term of phase {@code i} is the mean of
   * that phase's deviations from the trend line over all complete seasons, centred to sum to zero
   * and smoothed by a circular moving average over {@code width} neighbouring phases (odd, 1 =
   * none). With one noisy value per phase (the first season), a daily season at 1-minute steps
   * carries the full noise of every minute into every forecast; averaging over seasons and
   * neighbouring minutes keeps the daily shape and drops most of that noise.
   */
  static Initial averagedSeasons(double[] y, int m, int width) {
    int seasons = y.length / m;
    if (seasons < 2) {
      throw new IllegalArgumentException("need two complete seasons, got " + y.length);
    }
    double[] means = new double[seasons];
    for (int k = 0; k < seasons; k++) {
      for (int i = 0; i < m; i++) {
        means[k] += y[k * m + i] / m;
      }
    }
    double trend = (means[seasons - 1] - means[0]) / ((double) (seasons - 1) * m);
    double centre = (m - 1) / 2.0;
    double[] raw = new double[m];
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int k = 0; k < seasons; k++) {
        sum += y[k * m + i] - (means[0] + trend * (k * m + i - centre));
      }
      raw[i] = sum / seasons;
    }
    double offset = 0;
    for (double r : raw) {
      offset += r / m;
    }
    int half = Math.max(0, Math.min(width, m) / 2);
    double[] season = new double[m];
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int d = -half; d <= half; d++) {
        sum += raw[Math.floorMod(i + d, m)];
      }
      season[i] = sum / (2 * half + 1) - offset;
    }
    return new Initial(means[0] + trend * centre, trend, season);
  }

  private void step(int t, double y) {
    double s = m > 0 ? season[t % m] : 0.0;
    double fitted = level + trend + s;
    double e = y - fitted;
    sse += e * e;
    residuals++;
    double previousLevel = level;
    double previousTrend = trend;
    level = alpha * (y - s) + (1 - alpha) * (previousLevel + previousTrend);
    trend = beta * (level - previousLevel) + (1 - beta) * previousTrend;
    if (m > 0) {
      season[t % m] = gamma * (y - previousLevel - previousTrend) + (1 - gamma) * s;
    }
  }

  /**
   * Point forecast {@code h} steps after the last observation at index {@code n - 1}: the most
   * recent seasonal term of the same phase.
   */
  double forecast(int n, int h) {
    double s = m > 0 ? season[(n - 1 + h) % m] : 0.0;
    return level + h * trend + s;
  }

  /**
   * Variance multiplier {@code v(h)} with {@code Var(e(h)) = sigma^2 v(h)}: {@code v(h) = 1 +
   * sum_{j=1}^{h-1} c_j^2}, {@code c_j = alpha (1 + j beta) + gamma [j mod m == 0]}. These are the
   * weights of the equivalent ETS(A,A,A) / ETS(A,A,N) state-space model, whose trend parameter is
   * {@code alpha beta} in this component form (Hyndman, Koehler, Ord and Snyder, "Forecasting with
   * Exponential Smoothing", 2008, ch. 6; FPP2 §7.7).
   */
  double varianceMultiplier(int h) {
    double v = 1.0;
    for (int j = 1; j < h; j++) {
      double c = alpha * (1 + j * beta) + (m > 0 && j % m == 0 ? gamma : 0.0);
      v += c * c;
    }
    return v;
  }

  /** In-sample one-step residual variance with {@code k} estimated parameters. */
  double residualVariance(int k) {
    int df = residuals > k ? residuals - k : Math.max(residuals, 1);
    return sse / df;
  }
}
