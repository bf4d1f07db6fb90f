package io.vigil.analytics.forecast;

import java.util.List;

/**
 * A forecast of the next {@code points.size()} steps.
 *
 * @param points one per step ahead, in order
 * @param seasonal whether the seasonal model was used
 * @param method {@code holt-winters-additive}, {@code holt-linear} or {@code naive}
 * @param note why a simpler model was used, or empty
 * @param seasonPeriod the season length requested, in steps (0 = none)
 * @param residualSd standard deviation of the in-sample one-step residuals
 * @param alpha level smoothing parameter (NaN for naive)
 * @param beta trend smoothing parameter, component form (NaN for naive)
 * @param gamma seasonal smoothing parameter (NaN unless seasonal)
 * @param historyLength number of observations used
 */
public record Forecast(
    List<ForecastPoint> points,
    boolean seasonal,
    String method,
    String note,
    int seasonPeriod,
    double residualSd,
    double alpha,
    double beta,
    double gamma,
    int historyLength) {

  public Forecast {
    points = List.copyOf(points);
  }
}
