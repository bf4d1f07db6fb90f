package io.vigil.responders.firewall;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly a decision is based on.
 *
 * @param anomalyId the anomaly's event id
 * @param threatClass its class
 * @param score its score, 0 to 100
 * @param confidence its class confidence, 0 to 1
 * @param windowEnd end of its window
 */
public record Evidence(
    String anomalyId, ThreatClass threatClass, double score, double confidence, Instant windowEnd)
    implements Serializable {

  public Evidence {
    Objects.requireNonNull(anomalyId, "anomalyId");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(windowEnd, "windowEnd");
  }

  /** The evidence an anomaly contributes. */
  public static Evidence of(AnomalySignal a) {
    return new Evidence(a.anomalyId(), a.threatClass(), a.score(), a.confidence(), a.windowEnd());
  }
}
