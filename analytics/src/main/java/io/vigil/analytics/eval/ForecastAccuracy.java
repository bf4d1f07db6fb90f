package io.vigil.analytics.eval;

/** Forecast accuracy measures. */
public final class ForecastAccuracy {

  private ForecastAccuracy() {}

  /**
   * Mean absolute scaled error (Hyndman and Koehler, 2006): the forecast's mean absolute error
   * divided by the in-sample mean absolute error of the seasonal-naive forecast {@code y(t) =
   * y(t-m)} on {@code history} ({@code m < 1} means 1, i.e. naive). Below 1 the forecast beats
   * seasonal naive. Non-finite pairs are ignored.
   *
   * @throws IllegalArgumentException if lengths differ or the scale cannot be computed
   */
  public static double mase(double[] actual, double[] forecast, double[] history, int m) {
    if (actual.length != forecast.length) {
      throw new IllegalArgumentException("actual and forecast differ in length");
    }
    int lag = Math.max(1, m);
    double scale = 0;
    int k = 0;
    for (int t = lag; t < history.length; t++) {
      double d = history[t] - history[t - lag];
      if (Double.isFinite(d)) {
        scale += Math.abs(d);
        k++;
      }
    }
    if (k == 0 || scale == 0) {
      throw new IllegalArgumentException("history too short or constant for a MASE scale");
    }
    scale /= k;
    double err = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = actual[i] - forecast[i];
      if (Double.isFinite(d)) {
        err += Math.abs(d);
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no finite forecast errors");
    }
    return (err / n) / scale;
  }
}
