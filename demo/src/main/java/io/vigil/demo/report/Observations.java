package io.vigil.demo.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the demo saw and what the simulator planned, as plain values (no Kafka, Avro or Flink
 * types), so that the report can be computed and tested without a broker. Times are the simulator's
 * virtual time, which under real-time pacing is the wall clock.
 */
public final class Observations {
  private Observations() {}

  /** An entity of the anomaly job and of the ground truth: type SERVICE, CLIENT_IP, ... */
  public record Entity(String type, String id) {
    public Entity {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
      return type + ":" + id;
    }
  }

  /** A scripted attack with the entities it labels (SOURCE: act on these; TARGET: victims). */
  public record Attack(
      String name,
      String threatClass,
      String variant,
      Instant start,
      Instant end,
      Set<Entity> sources,
      Set<Entity> targets) {
    public Attack {
      sources = Set.copyOf(sources);
      targets = Set.copyOf(targets);
    }
  }

  /** A scripted load surge on one service. */
  public record Surge(String name, String service, double factor, Instant start, Instant end) {}

  /** One record of {@code analytics.anomalies}. */
  public record Anomaly(
      Entity entity,
      String threatClass,
      double score,
      double confidence,
      Instant windowStart,
      Instant windowEnd,
      boolean coldStart,
      String modelVersion,
      Instant seenAt) {}

  /** One record of {@code ops.firewall-commands}. */
  public record FirewallCommand(
      String commandId,
      String action,
      String scope,
      String target,
      String kind,
      String reason,
      Instant occurredAt,
      Instant seenAt) {

    /** Whether the command restricts its target (not a lift). */
    public boolean restricts() {
      return !action.equals("UNBLOCK") && !action.equals("RESTORE");
    }
  }

  /** One record of {@code ops.scaling-commands}. */
  public record ScalingCommand(
      String service,
      int currentReplicas,
      int desiredReplicas,
      String basis,
      String rule,
      String forecastStatus,
      String mode,
      Double observedLoad,
      Double forecastUpperBound,
      Instant occurredAt,
      Instant seenAt) {}

  /** One record of {@code analytics.forecasts}: its first point. */
  public record Forecast(
      String service, Instant generatedAt, double nextMean, double nextUpper80, Instant seenAt) {}
}
