package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A load forecast for one service, mapped by the wiring from {@code LoadForecast} on {@code
 * analytics.forecasts}.
 *
 * @param service the service
 * @param generatedAt event time of the last observation the forecast is based on; its age decides
 *     staleness
 * @param points horizon points in time order
 */
public record ForecastSignal(String service, Instant generatedAt, List<ForecastPoint> points)
    implements Serializable {

  public ForecastSignal {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(generatedAt, "generatedAt");
    points = List.copyOf(points);
    for (int i = 1; i < points.size(); i++) {
      if (!points.get(i).at().isAfter(points.get(i - 1).at())) {
        throw new IllegalArgumentException("forecast points must be in strictly increasing time");
      }
    }
  }
}
