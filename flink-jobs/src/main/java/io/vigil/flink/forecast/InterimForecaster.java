package io.vigil.flink.forecast;

/** Stand-in until the analytics forecaster is wired: last value, no intervals. */
final class InterimForecaster implements LoadSeriesForecaster {
  private static final long serialVersionUID = 1L;
  private final int horizon;

  InterimForecaster(int horizon) {
    this.horizon = horizon;
  }

  @Override
  public ServiceForecast forecast(String service, long stepMs, long lastStepEnd, double[] rates) {
    double[] m = new double[horizon];
    java.util.Arrays.fill(m, rates[rates.length - 1]);
    return new ServiceForecast(
        service, stepMs, lastStepEnd, lastStepEnd + stepMs, m, m, m, m, m, "interim", false, null);
  }
}
