package io.vigil.responders.firewall;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One scored, classified anomalous window of one entity: the firewall policy's input. The wiring
 * maps the {@code Anomaly} record of {@code analytics.anomalies} to this; a record that cannot be
 * mapped (missing fields, out-of-range score) fails this constructor and belongs in the DLQ.
 *
 * @param anomalyId the anomaly's event id, kept as evidence and used for deterministic ids
 * @param entityType kind of entity
 * @param entity service name, IP literal, principal, or {@code caller->callee}
 * @param score anomaly score, 0 to 100
 * @param threatClass most likely attack class
 * @param confidence classifier probability of {@code threatClass}, 0 to 1
 * @param windowEnd end of the scored window (exclusive)
 */
public record AnomalySignal(
    String anomalyId,
    EntityType entityType,
    String entity,
    double score,
    ThreatClass threatClass,
    double confidence,
    Instant windowEnd)
    implements Serializable {

  public AnomalySignal {
    requireText(anomalyId, "anomalyId");
    Objects.requireNonNull(entityType, "entityType");
    requireText(entity, "entity");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("score must be within 0..100, got " + score);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
    }
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
