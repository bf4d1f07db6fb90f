package io.vigil.analytics.scoring;

import io.vigil.analytics.baseline.FeatureDeviation;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.model.ThreatClass;
import java.util.List;

/**
 * The verdict on one entity window, the content of an {@code analytics.anomalies} record.
 *
 * @param entityType entity type
 * @param entity entity key
 * @param windowStartMillis window start, inclusive
 * @param windowEndMillis window end, exclusive
 * @param score anomaly score in [0,100]
 * @param coldStart true when no model was available and the score comes from the baseline alone
 * @param threatClass predicted class ({@link ThreatClass#NONE} on cold start)
 * @param confidence vote share of the class (0 on cold start)
 * @param explanation features deviating most from the entity's baseline, most deviating first
 * @param modelVersion version of the bundle used, or {@link AnomalyScorer#BASELINE_MODEL_VERSION}
 * @param baselineWindows windows in the entity's baseline before this one
 */
public record AnomalyAssessment(
    EntityType entityType,
    String entity,
    long windowStartMillis,
    long windowEndMillis,
    double score,
    boolean coldStart,
    ThreatClass threatClass,
    double confidence,
    List<FeatureDeviation> explanation,
    String modelVersion,
    long baselineWindows) {

  public AnomalyAssessment {
    explanation = List.copyOf(explanation);
  }
}
