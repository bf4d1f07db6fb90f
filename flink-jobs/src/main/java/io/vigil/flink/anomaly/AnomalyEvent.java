package io.vigil.flink.anomaly;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.EntityType;
import io.vigil.analytics.FeatureDeviation;
import io.vigil.analytics.baseline.Direction;
import io.vigil.analytics.scoring.AnomalyAssessment;
import io.vigil.common.ThreatClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An anomaly as it flows between operators (flat arrays, so Flink serializes it without Kryo); the
 * stream form of the Avro {@code Anomaly}.
 *
 * @param entityType entity type name ({@code SERVICE, CLIENT_IP, PRINCIPAL, EDGE})
 * @param entity entity key
 * @param windowStart window start, inclusive, epoch millis
 * @param windowEnd window end, exclusive, epoch millis
 * @param score anomaly score 0-100
 * @param coldStart whether the score comes from the entity's baseline alone (no model yet)
 * @param threatClass threat class name ({@code NONE} when unknown)
 * @param confidence classifier confidence 0-1
 * @param modelVersion version of the model that scored the window
 * @param features explanation: feature names, most deviating first
 * @param values explanation: the window's values
 * @param baselines explanation: the entity's baseline values
 * @param above explanation: whether each value lies above its baseline
 */
public record AnomalyEvent(
    String entityType,
    String entity,
    long windowStart,
    long windowEnd,
    double score,
    boolean coldStart,
    String threatClass,
    double confidence,
    String modelVersion,
    String[] features,
    double[] values,
    double[] baselines,
    boolean[] above) {

  /** The event of a window assessment. */
  public static AnomalyEvent of(AnomalyAssessment a) {
    int n = a.explanation().size();
    String[] features = new String[n];
    double[] values = new double[n];
    double[] baselines = new double[n];
    boolean[] above = new boolean[n];
    for (int i = 0; i < n; i++) {
      var d = a.explanation().get(i);
      features[i] = d.feature();
      values[i] = d.value();
      baselines[i] = d.baselineMean();
      above[i] = d.direction() == Direction.HIGHER;
    }
    return new AnomalyEvent(
        a.entityType().name(),
        a.entity(),
        a.windowStartMillis(),
        a.windowEndMillis(),
        a.score(),
        a.coldStart(),
        a.threatClass().name(),
        a.confidence(),
        a.modelVersion(),
        features,
        values,
        baselines,
        above);
  }

  /**
   * The Avro record. Its event id derives from entity, window and model version (for a metric
   * anomaly also the metric: one service has several metric series), so a replay after a failure
   * produces the same id and consumers can deduplicate.
   */
  public Anomaly toAvro() {
    List<FeatureDeviation> explanation = new ArrayList<>(features.length);
    for (int i = 0; i < features.length; i++) {
      explanation.add(
          FeatureDeviation.newBuilder()
              .setFeature(features[i])
              .setValue(values[i])
              .setBaseline(baselines[i])
              .setDirection(
                  values[i] == baselines[i]
                      ? io.vigil.analytics.Direction.NEUTRAL
                      : above[i]
                          ? io.vigil.analytics.Direction.ABOVE
                          : io.vigil.analytics.Direction.BELOW)
              .build());
    }
    String identity = entityType + "|" + entity + "|" + windowStart + "|" + modelVersion;
    if (MetricAnomalyFunction.MODEL_VERSION.equals(modelVersion) && features.length > 0) {
      identity += "|" + features[0];
    }
    return Anomaly.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
        .setOccurredAt(Instant.now())
        .setEntityType(EntityType.valueOf(entityType))
        .setEntity(entity)
        .setScore(score)
        .setThreatClass(ThreatClass.valueOf(threatClass))
        .setConfidence(confidence)
        .setExplanation(explanation)
        .setModelVersion(modelVersion)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setColdStart(coldStart)
        .build();
  }
}
