package io.vigil.flink.forecast;

import java.io.Serializable;

/** Forecasts a service's request rate from its recent history. */
@FunctionalInterface
public interface LoadSeriesForecaster extends Serializable {

  /**
   * @param service the service
   * @param stepMs step length, ms
   * @param lastStepEnd end of the newest observed step (= instant of the newest observation)
   * @param rates request rates per step, oldest first, consecutive, never empty
   * @return the forecast of the next steps
   */
  ServiceForecast forecast(String service, long stepMs, long lastStepEnd, double[] rates);
}
