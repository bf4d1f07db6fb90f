package io.vigil.analytics.features;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The identity of a feature layout: a version plus the ordered feature names. A model bundle
 * records the schema it was trained on and is rejected when loaded against a different one.
 *
 * @param version layout version
 * @param names ordered feature names
 */
public record FeatureSchema(String version, List<String> names) implements Serializable {

  /** Version of the layout defined by {@link Feature}. */
  public static final String VERSION = "vigil-features-v2";

  /** The schema of this build. */
  public static final FeatureSchema CURRENT =
      new FeatureSchema(
          VERSION, Arrays.stream(Feature.values()).map(Feature::featureName).toList());

  public FeatureSchema {
    Objects.requireNonNull(version, "version");
    names = List.copyOf(names);
  }

  /** A single-line identity, {@code version:name1,name2,...}, compared on load. */
  public String fingerprint() {
    return version + ":" + String.join(",", names);
  }
}
