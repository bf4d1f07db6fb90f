package io.vigil.analytics.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The features of one entity over one window, in {@link Feature} order. Immutable: the array is
 * copied in and out.
 *
 * @param entityType type of the entity
 * @param entity entity key (service name, client ip, principal or {@code caller->callee})
 * @param windowStartMillis window start, inclusive, epoch millis
 * @param windowEndMillis window end, exclusive, epoch millis
 * @param values feature values indexed by {@link Feature#ordinal()}
 */
public record FeatureVector(
    EntityType entityType,
    String entity,
    long windowStartMillis,
    long windowEndMillis,
    double[] values)
    implements Serializable {

  public FeatureVector {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entity, "entity");
    if (values.length != Feature.count()) {
      throw new IllegalArgumentException(
          "expected " + Feature.count() + " feature values, got " + values.length);
    }
    values = values.clone();
  }

  /** Returns a copy of the values in {@link Feature} order. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Returns the value of one feature. */
  public double get(Feature feature) {
    return values[feature.ordinal()];
  }

  /** Returns the values keyed by feature name, in feature order. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Feature f : Feature.values()) {
      m.put(f.featureName(), values[f.ordinal()]);
    }
    return m;
  }

  /** Returns a copy with one feature replaced (handy for tests and what-if explanations). */
  public FeatureVector with(Feature feature, double value) {
    double[] v = values.clone();
    v[feature.ordinal()] = value;
    return new FeatureVector(entityType, entity, windowStartMillis, windowEndMillis, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector other
        && entityType == other.entityType
        && entity.equals(other.entity)
        && windowStartMillis == other.windowStartMillis
        && windowEndMillis == other.windowEndMillis
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entityType, entity, windowStartMillis, windowEndMillis)
        + 31 * Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureVector["
        + entityType
        + " "
        + entity
        + " ["
        + windowStartMillis
        + ","
        + windowEndMillis
        + ") "
        + asMap()
        + "]";
  }
}
