package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A replica count the metrics recommended at an instant, before stabilization and rate limits: what
 * the stabilization windows look back over.
 *
 * @param at when it was computed
 * @param replicas the recommended count
 */
public record Recommendation(Instant at, int replicas) implements Serializable {

  public Recommendation {
    Objects.requireNonNull(at, "at");
  }
}
