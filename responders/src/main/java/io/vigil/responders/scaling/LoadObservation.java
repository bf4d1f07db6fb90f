package io.vigil.responders.scaling;

import java.time.Instant;
import java.util.Objects;

/**
 * Observed load of one service and its current replica count: the scaling policy's input.
 *
 * <p>Load is kept as the service's <em>total</em> (e.g. requests per second over all replicas, or
 * CPU millicores summed), so that it compares with forecasts of the service's total load; {@link
 * #averagePerReplica} converts an HPA-style per-pod average. The target is per replica, so the
 * HPA's {@code ceil(currentReplicas * currentMetric / targetMetric)} is {@code ceil(totalLoad /
 * targetPerReplica)}.
 *
 * @param service the service
 * @param observedAt when the load was measured
 * @param currentReplicas the scale target's current replica count (from the workload's spec, not
 *     from counting pods that report metrics, which lags scaling)
 * @param totalLoad total load, &gt;= 0
 */
public record LoadObservation(
    String service, Instant observedAt, int currentReplicas, double totalLoad) {

  public LoadObservation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(observedAt, "observedAt");
    if (currentReplicas < 0) {
      throw new IllegalArgumentException("currentReplicas must be >= 0, got " + currentReplicas);
    }
    if (!(totalLoad >= 0) || Double.isInfinite(totalLoad)) {
      throw new IllegalArgumentException("totalLoad must be finite and >= 0, got " + totalLoad);
    }
  }

  /** An observation of the service's total load. */
  public static LoadObservation total(
      String service, Instant observedAt, int currentReplicas, double totalLoad) {
    return new LoadObservation(service, observedAt, currentReplicas, totalLoad);
  }

  /** An observation of the average load per replica (e.g. HPA-style average CPU). */
  public static LoadObservation averagePerReplica(
      String service, Instant observedAt, int currentReplicas, double averagePerReplica) {
    return new LoadObservation(
        service, observedAt, currentReplicas, averagePerReplica * currentReplicas);
  }
}
