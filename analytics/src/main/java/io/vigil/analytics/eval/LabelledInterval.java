package io.vigil.analytics.eval;

import io.vigil.analytics.model.ThreatClass;
import java.util.Objects;

/**
 * A ground-truth attack: entity {@code entity} was under attack of class {@code threatClass} during
 * {@code [startMillis, endMillis)}.
 */
public record LabelledInterval(
    String entity, ThreatClass threatClass, long startMillis, long endMillis) {
  public LabelledInterval {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(threatClass, "threatClass");
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException("interval end must be after start");
    }
  }
}
