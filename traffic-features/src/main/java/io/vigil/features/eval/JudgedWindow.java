package io.vigil.features.eval;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.features.GroundTruth;
import java.util.Objects;

/**
 * One entity window with its ground truth and a detector's verdict on it.
 *
 * @param entityType entity type
 * @param entity entity key
 * @param startMillis window start, inclusive
 * @param endMillis window end, exclusive
 * @param truth what the ground truth says about the window
 * @param alerted whether the detector raised an alert (for the models: score ≥ min score)
 * @param predicted the class the alert carries ({@link ThreatClass#NONE} without an alert)
 */
public record JudgedWindow(
    EntityType entityType,
    String entity,
    long startMillis,
    long endMillis,
    GroundTruth.Truth truth,
    boolean alerted,
    ThreatClass predicted) {

  public JudgedWindow {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException("window end must be after its start");
    }
  }

  /** Whether the alert names the window's true class (false without an alert or an attack). */
  public boolean correctClass() {
    return alerted && truth.attack() && predicted == truth.threatClass();
  }
}
