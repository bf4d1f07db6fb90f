package io.vigil.analytics.model;

import io.vigil.analytics.features.FeatureVector;
import java.util.Objects;

/**
 * A training example: a window's features and its ground-truth class ({@link ThreatClass#NONE} for
 * normal traffic).
 */
public record LabelledVector(FeatureVector features, ThreatClass label) {
  public LabelledVector {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(label, "label");
  }
}
