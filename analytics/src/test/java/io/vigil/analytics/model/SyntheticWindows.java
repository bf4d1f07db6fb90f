package io.vigil.analytics.model;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic 10 s windows per class, shaped like the attack definitions of the simulator:
 * ddos = very high rate, credential_stuffing = high 401 ratio over many principals, scraping = many
 * distinct routes, lateral_movement = new edge, exfiltration = high bytes out.
 */
final class SyntheticWindows {

  private final Random random;
  private long windowStart;

  SyntheticWindows(long seed) {
    this.random = new Random(seed);
  }

  List<LabelledVector> generate(int normalPerType, int perAttackClass) {
    List<LabelledVector> out = new ArrayList<>();
    for (EntityType t : EntityType.values()) {
      for (int i = 0; i < normalPerType; i++) {
        out.add(new LabelledVector(normal(t), ThreatClass.NONE));
      }
    }
    for (ThreatClass c : ThreatClass.values()) {
      if (c == ThreatClass.NONE) {
        continue;
      }
      for (int i = 0; i < perAttackClass; i++) {
        out.add(new LabelledVector(attack(c), c));
      }
    }
    return out;
  }

  FeatureVector normal(EntityType type) {
    double[] v = new double[Feature.count()];
    double rate =
        switch (type) {
          case SERVICE -> 100;
          case CLIENT_IP -> 2;
          case PRINCIPAL -> 1;
          case EDGE -> 20;
        };
    rate *= jitter(0.2);
    set(v, Feature.REQUEST_RATE, rate);
    set(v, Feature.ERROR_4XX_RATIO, 0.02 * jitter(0.5));
    set(v, Feature.ERROR_5XX_RATIO, 0.005 * jitter(0.5));
    set(v, Feature.AUTH_FAILURE_RATIO, 0.01 * jitter(0.5));
    double p50 = 40 * jitter(0.2);
    set(v, Feature.LATENCY_P50_MS, p50);
    set(v, Feature.LATENCY_P95_MS, p50 * 3 * jitter(0.1));
    set(v, Feature.LATENCY_P99_MS, p50 * 6 * jitter(0.1));
    double bpr = 5000 * jitter(0.2);
    set(v, Feature.BYTES_OUT_PER_REQUEST, bpr);
    set(v, Feature.BYTES_OUT_SUM, bpr * rate * 10);
    set(v, Feature.DISTINCT_ROUTES, type == EntityType.SERVICE ? 20 : 1 + random.nextInt(5));
    set(v, Feature.DISTINCT_CLIENTS, type == EntityType.SERVICE ? 40 + random.nextInt(20) : 1);
    set(v, Feature.DISTINCT_PRINCIPALS, type == EntityType.SERVICE ? 30 + random.nextInt(20) : 1);
    set(v, Feature.NEW_EDGE, 0);
    return vector(type, v);
  }

  FeatureVector attack(ThreatClass c) {
    return switch (c) {
      case DDOS -> {
        FeatureVector n = normal(EntityType.CLIENT_IP);
        double rate = 300 * jitter(0.3);
        yield n.with(Feature.REQUEST_RATE, rate)
            .with(Feature.BYTES_OUT_SUM, n.get(Feature.BYTES_OUT_PER_REQUEST) * rate * 10)
            .with(Feature.ERROR_5XX_RATIO, 0.2 * jitter(0.3));
      }
      case CREDENTIAL_STUFFING ->
          normal(EntityType.CLIENT_IP)
              .with(Feature.AUTH_FAILURE_RATIO, 0.8 * jitter(0.1))
              .with(Feature.ERROR_4XX_RATIO, 0.85 * jitter(0.1))
              .with(Feature.DISTINCT_PRINCIPALS, 30 + random.nextInt(40))
              .with(Feature.REQUEST_RATE, 8 * jitter(0.3));
      case SCRAPING ->
          normal(EntityType.CLIENT_IP)
              .with(Feature.DISTINCT_ROUTES, 150 + random.nextInt(100))
              .with(Feature.REQUEST_RATE, 20 * jitter(0.3));
      case LATERAL_MOVEMENT ->
          normal(EntityType.EDGE)
              .with(Feature.NEW_EDGE, 1)
              .with(Feature.REQUEST_RATE, 0.5 * jitter(0.3));
      case EXFILTRATION -> {
        FeatureVector n = normal(EntityType.PRINCIPAL);
        double bpr = 400_000 * jitter(0.3);
        yield n.with(Feature.BYTES_OUT_PER_REQUEST, bpr)
            .with(Feature.BYTES_OUT_SUM, bpr * n.get(Feature.REQUEST_RATE) * 10);
      }
      case NONE -> normal(EntityType.CLIENT_IP);
    };
  }

  private FeatureVector vector(EntityType type, double[] v) {
    windowStart += 10_000;
    return new FeatureVector(
        type, type.name().toLowerCase() + "-1", windowStart, windowStart + 10_000, v);
  }

  private double jitter(double relative) {
    return Math.max(0.05, 1 + relative * random.nextGaussian());
  }

  private static void set(double[] v, Feature f, double x) {
    v[f.ordinal()] = x;
  }
}
