package io.vigil.analytics.model;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The numeric rows the models see. Rule: feature {@code i} enters as its value, or as {@code
 * log1p(max(0, value))} when {@link Feature#heavyTailed()} (request rates and byte counts span
 * orders of magnitude; isolation splits are drawn uniformly between min and max, so without the log
 * the bulk of normal traffic would share one split). Non-finite values enter as 0. The classifier
 * row appends a one-hot encoding of the entity type.
 */
final class ModelInput {

  private ModelInput() {}

  /** Row for the isolation forest: the transformed features. */
  static double[] anomalyRow(FeatureVector v) {
    double[] raw = v.values();
    double[] row = new double[raw.length];
    for (Feature f : Feature.values()) {
      double x = raw[f.ordinal()];
      if (!Double.isFinite(x)) {
        x = 0.0;
      }
      row[f.ordinal()] = f.heavyTailed() ? Math.log1p(Math.max(0.0, x)) : x;
    }
    return row;
  }

  /** Row for the classifier: {@link #anomalyRow} followed by the entity type one-hot. */
  static double[] classifierRow(FeatureVector v) {
    double[] base = anomalyRow(v);
    double[] row = new double[base.length + EntityType.values().length];
    System.arraycopy(base, 0, row, 0, base.length);
    row[base.length + v.entityType().ordinal()] = 1.0;
    return row;
  }

  /** Column names of {@link #classifierRow}. */
  static String[] classifierColumns() {
    List<String> names = new ArrayList<>();
    for (Feature f : Feature.values()) {
      names.add(f.featureName());
    }
    for (EntityType t : EntityType.values()) {
      names.add("entity_" + t.name().toLowerCase(Locale.ROOT));
    }
    return names.toArray(String[]::new);
  }
}
