package io.vigil.flink.anomaly;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.Trainer;
import io.vigil.analytics.model.TrainerConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Named instants and event factories shared by the anomaly tests. */
abstract class TrafficTestBase {

  /** 2026-01-01T00:00:00Z: a window-aligned start. */
  static final long T0 = 1_767_225_600_000L;

  static final long WINDOW = 10_000L;

  /** The {@code i}-th 10 s window of the checkout service with ordinary traffic. */
  static FeatureVector normalWindow(String service, int i) {
    double[] v = new double[Feature.count()];
    v[Feature.REQUEST_RATE.ordinal()] = 50 + (i % 3);
    v[Feature.ERROR_4XX_RATIO.ordinal()] = 0.01;
    v[Feature.ERROR_5XX_RATIO.ordinal()] = 0.005;
    v[Feature.AUTH_FAILURE_RATIO.ordinal()] = 0.002;
    v[Feature.LATENCY_P50_MS.ordinal()] = 20 + (i % 2);
    v[Feature.LATENCY_P95_MS.ordinal()] = 60;
    v[Feature.LATENCY_P99_MS.ordinal()] = 90;
    v[Feature.BYTES_OUT_SUM.ordinal()] = 500_000;
    v[Feature.BYTES_OUT_PER_REQUEST.ordinal()] = 1_000;
    v[Feature.DISTINCT_ROUTES.ordinal()] = 8;
    v[Feature.DISTINCT_CLIENTS.ordinal()] = 40;
    v[Feature.DISTINCT_PRINCIPALS.ordinal()] = 30;
    v[Feature.NEW_EDGE.ordinal()] = 0;
    return new FeatureVector(
        EntityType.SERVICE, service, T0 + i * WINDOW, T0 + (i + 1) * WINDOW, v);
  }

  /** A window of {@code service} hit by a request flood 20 times its usual rate. */
  static FeatureVector floodWindow(String service, int i) {
    return normalWindow(service, i)
        .with(Feature.REQUEST_RATE, 1_000)
        .with(Feature.DISTINCT_CLIENTS, 900);
  }

  /** A small but real model bundle trained on synthetic normal and flood windows. */
  static ModelBundle trainBundle(String version) {
    Random random = new Random(7);
    List<LabelledVector> examples = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      FeatureVector w = jitter(normalWindow("svc-" + (i % 5), i), random);
      examples.add(new LabelledVector(w, ThreatClass.NONE));
    }
    for (int i = 0; i < 60; i++) {
      FeatureVector w = jitter(floodWindow("svc-" + (i % 5), i), random);
      examples.add(new LabelledVector(w, ThreatClass.DDOS));
    }
    return new Trainer(TrainerConfig.defaults(42).withTrees(20, 20))
        .train(examples, version, Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * Every feature varies by up to ±20 %, as real traffic does (a constant feature never splits).
   */
  private static FeatureVector jitter(FeatureVector w, Random random) {
    for (Feature f : Feature.values()) {
      w = w.with(f, w.get(f) * (0.8 + 0.4 * random.nextDouble()));
    }
    return w;
  }

  static ModelArtifact inline(ModelBundle bundle) {
    return new ModelArtifact("traffic", bundle.version(), null, bundle.toBytes(), null);
  }
}
