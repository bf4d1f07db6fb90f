package io.vigil.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A benign load surge of a scenario (a campaign, a TV spot): the request rate of one service's
 * routes multiplied by {@code factor} for {@code duration}, spread over ordinary users and
 * visitors. Not an attack: it has no labels, and the scaling responder should react to it.
 *
 * @param name unique name
 * @param service a service with routes at the gateway (not {@code gateway} nor {@code inventory})
 * @param offset start, relative to the start of the run
 * @param duration length
 * @param factor multiplier of the service's normal rate, {@code > 1}
 */
public record LoadSurge(
    String name, String service, Duration offset, Duration duration, double factor) {

  /** Validates. */
  public LoadSurge {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(duration, "duration");
    if (offset.isNegative()) {
      throw new IllegalArgumentException(name + ": start must be >= 0, was " + offset);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + ": duration must be > 0, was " + duration);
    }
    if (!(factor > 1) || factor > 1_000) {
      throw new IllegalArgumentException(name + ": factor must be in (1, 1000], was " + factor);
    }
  }
}
