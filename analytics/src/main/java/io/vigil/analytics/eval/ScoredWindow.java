package io.vigil.analytics.eval;

import io.vigil.analytics.model.ThreatClass;
import java.util.Objects;

/**
 * One scored entity window as the detector saw it: {@code [startMillis, endMillis)}, whether it
 * raised an alert, and the class it predicted. Evaluation needs all scored windows, alerted or not.
 */
public record ScoredWindow(
    String entity, long startMillis, long endMillis, boolean alerted, ThreatClass predictedClass) {
  public ScoredWindow {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(predictedClass, "predictedClass");
  }
}
