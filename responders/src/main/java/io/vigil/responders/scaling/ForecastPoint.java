package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Forecast of a service's total load at one future instant, in the unit of {@link
 * LoadObservation#totalLoad()}.
 *
 * @param at the instant forecast
 * @param mean point forecast
 * @param upper80 upper bound of the 80 % interval
 * @param upper95 upper bound of the 95 % interval
 */
public record ForecastPoint(Instant at, double mean, double upper80, double upper95)
    implements Serializable {

  public ForecastPoint {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(mean) || !Double.isFinite(upper80) || !Double.isFinite(upper95)) {
      throw new IllegalArgumentException("forecast values must be finite");
    }
    if (mean < 0 || upper80 < 0 || upper95 < 0) {
      throw new IllegalArgumentException("forecast load must not be negative");
    }
  }
}
