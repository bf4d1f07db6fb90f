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
 *
 * <p>Client entities ({@link EntityType#CLIENT_IP}, {@link EntityType#PRINCIPAL}) are judged by
 * what they do, not by how the servers answered: their server-side features (5xx ratio, latency
 * quantiles, {@link #SERVER_SIDE}) enter as 0. During a flood every client of the flooded service
 * gets 503s and slow answers, so those features made innocent one-request windows look like flood
 * sources; for services and edges they stay, since there they describe the entity itself.
 */
final class ModelInput {

  /** Features describing the server's answer rather than the client's behaviour. */
  static final java.util.Set<Feature> SERVER_SIDE =
      java.util.EnumSet.of(
          Feature.ERROR_5XX_RATIO,
          Feature.LATENCY_P50_MS,
          Feature.LATENCY_P95_MS,
          Feature.LATENCY_P99_MS);

  private ModelInput() {}

  /** Row for the isolation forest: the transformed features. */
  static double[] anomalyRow(FeatureVector v) {
    double[] raw = v.values();
    double[] row = new double[raw.length];
    boolean client =
        v.entityType() == EntityType.CLIENT_IP || v.entityType() == EntityType.PRINCIPAL;
    for (Feature f : Feature.values()) {
      double x = raw[f.ordinal()];
      if (!Double.isFinite(x) || (client && SERVER_SIDE.contains(f))) {
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
