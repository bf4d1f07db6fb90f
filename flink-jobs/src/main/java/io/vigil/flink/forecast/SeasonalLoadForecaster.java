package io.vigil.flink.forecast;

import io.vigil.analytics.forecast.Forecast;
import io.vigil.analytics.forecast.ForecastPoint;
import io.vigil.analytics.forecast.LoadForecaster;
import java.util.List;

/**
 * The job's forecasting rule: analytics' {@link LoadForecaster} (additive Holt-Winters when the
 * history covers two seasons, else Holt's linear trend or a naive forecast with a note saying why),
 * clipped at zero since a request rate cannot be negative.
 */
public final class SeasonalLoadForecaster implements LoadSeriesForecaster {

  private static final long serialVersionUID = 1L;

  private final int seasonSteps;
  private final int horizon;
  private transient LoadForecaster forecaster;

  /**
   * @param seasonSteps season length in steps (below 2: no season)
   * @param horizon steps forecast (≥ 1)
   */
  public SeasonalLoadForecaster(int seasonSteps, int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    this.seasonSteps = seasonSteps;
    this.horizon = horizon;
  }

  @Override
  public ServiceForecast forecast(String service, long stepMs, long lastStepEnd, double[] rates) {
    if (forecaster == null) {
      forecaster = new LoadForecaster(true);
    }
    Forecast f = forecaster.forecast(rates, seasonSteps, horizon);
    List<ForecastPoint> points = f.points();
    int n = points.size();
    double[] mean = new double[n];
    double[] lower80 = new double[n];
    double[] upper80 = new double[n];
    double[] lower95 = new double[n];
    double[] upper95 = new double[n];
    for (int i = 0; i < n; i++) {
      ForecastPoint p = points.get(i);
      mean[i] = p.mean();
      lower80[i] = p.lower80();
      upper80[i] = p.upper80();
      lower95[i] = p.lower95();
      upper95[i] = p.upper95();
    }
    return new ServiceForecast(
        service,
        stepMs,
        lastStepEnd,
        lastStepEnd,
        mean,
        lower80,
        upper80,
        lower95,
        upper95,
        f.method(),
        f.seasonal(),
        f.note() == null || f.note().isBlank() ? null : f.note());
  }
}
