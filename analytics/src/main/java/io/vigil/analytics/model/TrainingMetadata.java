package io.vigil.analytics.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What a bundle was trained on and how.
 *
 * @param trainedAt training time (given by the caller, so training stays deterministic)
 * @param config the trainer configuration
 * @param rowsPerClass training rows per class label, after sub-sampling
 * @param anomalyModels per isolation forest (key: entity type name, or {@code ALL} for the forest
 *     of the types without their own): its training rows and raw-score calibration points
 * @param classifierTrained false when the data held a single class (then every window is that class
 *     with confidence 1)
 * @param classifierOobAccuracy the random forest's out-of-bag accuracy (NaN when not trained)
 */
public record TrainingMetadata(
    Instant trainedAt,
    TrainerConfig config,
    Map<String, Long> rowsPerClass,
    Map<String, AnomalyCalibration> anomalyModels,
    boolean classifierTrained,
    double classifierOobAccuracy)
    implements Serializable {

  public TrainingMetadata {
    rowsPerClass = Map.copyOf(rowsPerClass);
    anomalyModels = Map.copyOf(anomalyModels);
  }

  /**
   * Calibration of one isolation forest.
   *
   * @param trainingRows rows it was trained and calibrated on (normal traffic when available)
   * @param rawMedian median raw Smile score of those rows (maps to 10)
   * @param rawHigh 99.9th percentile raw score (maps to 50)
   */
  public record AnomalyCalibration(int trainingRows, double rawMedian, double rawHigh)
      implements Serializable {}
}
