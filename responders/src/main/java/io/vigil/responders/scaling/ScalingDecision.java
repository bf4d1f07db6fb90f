package io.vigil.responders.scaling;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A scaling decision for one service, published to {@code ops.scaling-commands}.
 *
 * @param id deterministic UUID (name-based, version 3) of service, time bucket, desired replicas
 *     and whether it is actionable: a re-run within the bucket issues the same id, so actuators
 *     deduplicate
 * @param service the service
 * @param currentReplicas replicas observed
 * @param desiredReplicas replicas wanted
 * @param decidedAt the evaluation instant
 * @param rule the rule that finally set {@code desiredReplicas}
 * @param basis the signal the recommendation started from
 * @param reason human-readable explanation naming every rule that applied
 * @param observedLoad the total observed load used
 * @param forecastLoad the forecast load used (the configured bound at now + lead time), empty when
 *     no usable forecast was consulted
 * @param forecastStatus what became of the forecast
 * @param actionable false for a forecast-only recommendation, which actuators only log
 */
public record ScalingDecision(
    String id,
    String service,
    int currentReplicas,
    int desiredReplicas,
    Instant decidedAt,
    ScalingRule rule,
    ScalingBasis basis,
    String reason,
    double observedLoad,
    OptionalDouble forecastLoad,
    ForecastStatus forecastStatus,
    boolean actionable) {

  public ScalingDecision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(forecastLoad, "forecastLoad");
    Objects.requireNonNull(forecastStatus, "forecastStatus");
    if (desiredReplicas == currentReplicas) {
      throw new IllegalArgumentException("a decision changes the replica count");
    }
  }
}
