package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the scaling policy remembers about one service, as an immutable, serializable value: the
 * recommendations within the stabilization windows, the scale events within the rate policies'
 * periods, the last scale time (for the cooldown) and the latest forecast.
 *
 * @param service the service
 * @param recommendations past unstabilized recommendations, oldest first
 * @param scaleEvents past scaling actions, oldest first
 * @param lastScaleAt when the policy last issued an actionable decision; null if never
 * @param forecast the latest forecast received; null if none
 */
public record ScalingState(
    String service,
    List<Recommendation> recommendations,
    List<ScaleEvent> scaleEvents,
    Instant lastScaleAt,
    ForecastSignal forecast)
    implements Serializable {

  public ScalingState {
    Objects.requireNonNull(service, "service");
    recommendations = List.copyOf(recommendations);
    scaleEvents = List.copyOf(scaleEvents);
  }

  /** The state of a service the policy has never seen. */
  public static ScalingState initial(String service) {
    return new ScalingState(service, List.of(), List.of(), null, null);
  }

  /** This state with the forecast as the latest one. */
  ScalingState withForecast(ForecastSignal f) {
    return new ScalingState(service, recommendations, scaleEvents, lastScaleAt, f);
  }

  /** This state with one more recommendation. */
  ScalingState withRecommendation(Instant at, int replicas) {
    List<Recommendation> r = new ArrayList<>(recommendations);
    r.add(new Recommendation(at, replicas));
    return new ScalingState(service, r, scaleEvents, lastScaleAt, forecast);
  }

  /** This state after an actionable decision. */
  ScalingState withScale(Instant at, int change) {
    List<ScaleEvent> e = new ArrayList<>(scaleEvents);
    e.add(new ScaleEvent(at, change));
    return new ScalingState(service, recommendations, e, at, forecast);
  }

  /** This state without recommendations and events too old to matter at {@code now}. */
  ScalingState pruned(Instant now, Duration recommendationHorizon, Duration eventHorizon) {
    Instant rc = now.minus(recommendationHorizon);
    List<Recommendation> r = new ArrayList<>();
    for (Recommendation x : recommendations) {
      if (x.at().isAfter(rc)) {
        r.add(x);
      }
    }
    Instant ec = now.minus(eventHorizon);
    List<ScaleEvent> e = new ArrayList<>();
    for (ScaleEvent x : scaleEvents) {
      if (x.at().isAfter(ec)) {
        e.add(x);
      }
    }
    return new ScalingState(service, r, e, lastScaleAt, forecast);
  }
}
