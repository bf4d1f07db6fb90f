package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A scaling action the policy issued: what the rate policies measure over their periods.
 *
 * @param at when it was issued
 * @param change replicas added (positive) or removed (negative)
 */
public record ScaleEvent(Instant at, int change) implements Serializable {

  public ScaleEvent {
    Objects.requireNonNull(at, "at");
    if (change == 0) {
      throw new IllegalArgumentException("a scale event changes the replica count");
    }
  }
}
