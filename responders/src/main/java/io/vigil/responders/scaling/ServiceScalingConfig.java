package io.vigil.responders.scaling;

import java.time.Duration;
import java.util.Objects;

/**
 * Scaling settings of one service, the equivalent of one HorizontalPodAutoscaler plus the
 * predictive part.
 *
 * @param service the service
 * @param minReplicas lower bound, &gt;= 1
 * @param maxReplicas upper bound, &gt;= minReplicas
 * @param targetPerReplica load one replica should carry, in the unit of the observed load
 * @param scaleUp scale-up behaviour
 * @param scaleDown scale-down behaviour
 * @param cooldown minimum time between two actionable decisions
 * @param mode reactive, predictive or forecast-only
 * @param forecastBound which forecast value to provision for
 * @param leadTime how far ahead to provision: the time new replicas need to become ready
 * @param forecastMaxAge a forecast generated longer ago than this is stale
 */
public record ServiceScalingConfig(
    String service,
    int minReplicas,
    int maxReplicas,
    double targetPerReplica,
    ScalingRules scaleUp,
    ScalingRules scaleDown,
    Duration cooldown,
    ScalingMode mode,
    ForecastBound forecastBound,
    Duration leadTime,
    Duration forecastMaxAge) {

  public ServiceScalingConfig {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(scaleUp, "scaleUp");
    Objects.requireNonNull(scaleDown, "scaleDown");
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(forecastBound, "forecastBound");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(forecastMaxAge, "forecastMaxAge");
    if (minReplicas < 1 || maxReplicas < minReplicas) {
      throw new IllegalArgumentException(
          "need 1 <= minReplicas <= maxReplicas, got " + minReplicas + ".." + maxReplicas);
    }
    if (!(targetPerReplica > 0) || Double.isInfinite(targetPerReplica)) {
      throw new IllegalArgumentException("targetPerReplica must be > 0, got " + targetPerReplica);
    }
    if (cooldown.isNegative()
        || leadTime.isNegative()
        || forecastMaxAge.isNegative()
        || forecastMaxAge.isZero()) {
      throw new IllegalArgumentException("cooldown/leadTime >= 0 and forecastMaxAge > 0");
    }
  }

  /** How long recommendations matter: the longer stabilization window. */
  Duration recommendationHorizon() {
    Duration up = scaleUp.stabilizationWindow();
    Duration down = scaleDown.stabilizationWindow();
    return up.compareTo(down) > 0 ? up : down;
  }

  /** How long scale events matter: the longest policy period of either direction. */
  Duration eventHorizon() {
    Duration up = scaleUp.longestPeriod();
    Duration down = scaleDown.longestPeriod();
    return up.compareTo(down) > 0 ? up : down;
  }
}
