package io.vigil.analytics.model;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Builds a {@link ModelBundle} from labelled windows (what {@code vigil train} calls).
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Deterministic: the same examples in the same order with the same {@link TrainerConfig} give
 *       models that score identically.
 *   <li>Each attack class keeps at most {@code maxRowsPerClass} rows, the normal class at most the
 *       larger of that and twice the attack rows kept (seeded sub-samples, input order otherwise).
 *   <li>Isolation forests learn normal traffic: they are trained and calibrated on the {@link
 *       ThreatClass#NONE} rows (on all rows when fewer than 2 are normal). One forest per entity
 *       type with at least {@code minRowsPerEntityType} such rows, plus one over all types for the
 *       others (only when some type has too few rows; a 100-tree forest serializes to ~3 MB).
 *   <li>The random forest learns all classes; with a single class in the data no forest is grown
 *       and that class is always predicted with confidence 1.
 * </ul>
 */
public final class Trainer {

  /**
   * Normal rows kept per attack row (beyond {@code maxRowsPerClass}): with a fixed cap on normal
   * rows, more attack data shifted the forest's prior towards attacks and raised false alerts.
   */
  static final int NORMAL_PER_ATTACK_ROW = 2;

  private final TrainerConfig config;

  public Trainer(TrainerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Trains a bundle.
   *
   * @param examples labelled windows (at least 2), all of the current feature schema
   * @param version the bundle's version string
   * @param trainedAt recorded in the metadata
   */
  public ModelBundle train(List<LabelledVector> examples, String version, Instant trainedAt) {
    Objects.requireNonNull(version, "version");
    if (examples.size() < 2) {
      throw new IllegalArgumentException("need at least 2 examples, got " + examples.size());
    }
    SmileLogging.quietTrainingLoggers();
    List<LabelledVector> data = capPerClass(examples);

    List<LabelledVector> normal = data.stream().filter(e -> e.label() == ThreatClass.NONE).toList();
    List<LabelledVector> anomalyPool = normal.size() >= 2 ? normal : data;
    Map<String, TrainingMetadata.AnomalyCalibration> calibrations = new LinkedHashMap<>();
    Map<EntityType, IsolationForestScorer> byType = new EnumMap<>(EntityType.class);
    for (EntityType type : EntityType.values()) {
      List<LabelledVector> rows =
          anomalyPool.stream().filter(e -> e.features().entityType() == type).toList();
      if (rows.size() >= Math.max(2, config.minRowsPerEntityType())) {
        IsolationForestScorer s = fitAnomaly(rows, config.seed() + 1 + type.ordinal());
        byType.put(type, s);
        calibrations.put(type.name(), calibration(s));
      }
    }
    IsolationForestScorer all = null;
    if (byType.size() < EntityType.values().length) {
      all = fitAnomaly(anomalyPool, config.seed());
      calibrations.put("ALL", calibration(all));
    }

    Map<String, Long> perClass = new LinkedHashMap<>();
    for (LabelledVector e : data) {
      perClass.merge(e.label().label(), 1L, Long::sum);
    }
    ForestClassifier classifier = null;
    ThreatClass onlyClass = null;
    if (perClass.size() >= 2) {
      double[][] rows = new double[data.size()][];
      int[] labels = new int[data.size()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = ModelInput.classifierRow(data.get(i).features());
        labels[i] = data.get(i).label().ordinal();
      }
      classifier =
          ForestClassifier.fit(
              rows,
              labels,
              config.forestTrees(),
              config.forestMaxDepth(),
              config.forestNodeSize(),
              config.seed());
    } else {
      onlyClass = data.get(0).label();
    }
    TrainingMetadata metadata =
        new TrainingMetadata(
            trainedAt,
            config,
            perClass,
            calibrations,
            classifier != null,
            classifier != null ? classifier.oobAccuracy() : Double.NaN);
    return new ModelBundle(
        version, FeatureSchema.CURRENT, metadata, byType, all, classifier, onlyClass);
  }

  private IsolationForestScorer fitAnomaly(List<LabelledVector> rows, long seed) {
    double[][] x =
        rows.stream().map(e -> ModelInput.anomalyRow(e.features())).toArray(double[][]::new);
    return IsolationForestScorer.fit(
        x, config.isolationTrees(), config.isolationSampleSize(), seed);
  }

  private static TrainingMetadata.AnomalyCalibration calibration(IsolationForestScorer s) {
    return new TrainingMetadata.AnomalyCalibration(s.trainingRows(), s.rawMedian(), s.rawHigh());
  }

  private List<LabelledVector> capPerClass(List<LabelledVector> examples) {
    Map<ThreatClass, List<Integer>> byClass = new EnumMap<>(ThreatClass.class);
    for (int i = 0; i < examples.size(); i++) {
      byClass.computeIfAbsent(examples.get(i).label(), c -> new ArrayList<>()).add(i);
    }
    boolean[] keep = new boolean[examples.size()];
    long attackRows = 0;
    for (Map.Entry<ThreatClass, List<Integer>> e : byClass.entrySet()) {
      if (e.getKey() != ThreatClass.NONE) {
        attackRows += Math.min(e.getValue().size(), config.maxRowsPerClass());
      }
    }
    for (Map.Entry<ThreatClass, List<Integer>> e : byClass.entrySet()) {
      List<Integer> idx = e.getValue();
      long cap =
          e.getKey() == ThreatClass.NONE
              ? Math.max(config.maxRowsPerClass(), NORMAL_PER_ATTACK_ROW * attackRows)
              : config.maxRowsPerClass();
      if (idx.size() > cap) {
        Collections.shuffle(idx, new Random(config.seed() * 31 + e.getKey().ordinal()));
        idx = idx.subList(0, (int) cap);
      }
      idx.forEach(i -> keep[i] = true);
    }
    List<LabelledVector> kept = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        kept.add(examples.get(i));
      }
    }
    return kept;
  }
}
