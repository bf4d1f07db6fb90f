package io.vigil.analytics.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBaselineTest {

  private static FeatureVector window(double rate, double p99, double authRatio) {
    double[] v = new double[Feature.count()];
    v[Feature.REQUEST_RATE.ordinal()] = rate;
    v[Feature.LATENCY_P99_MS.ordinal()] = p99;
    v[Feature.AUTH_FAILURE_RATIO.ordinal()] = authRatio;
    v[Feature.DISTINCT_ROUTES.ordinal()] = 5;
    return new FeatureVector(EntityType.CLIENT_IP, "10.0.0.1", 0, 10_000, v);
  }

  @Test
  void shouldMatchTextbookMeanAndVarianceWhenEqualWeighted() {
    FeatureBaseline b = new FeatureBaseline();
    double[] rates = {2, 4, 4, 4, 5, 5, 7, 9}; // mean 5, sample variance 32/7
    for (double r : rates) {
      b.update(window(r, 100, 0));
    }

    assertThat(b.count()).isEqualTo(8);
    assertThat(b.mean(Feature.REQUEST_RATE)).isCloseTo(5.0, within(1e-12));
    assertThat(b.sd(Feature.REQUEST_RATE)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void shouldExplainTopFeaturesWithDirectionWhenWindowDeviates() {
    FeatureBaseline b = new FeatureBaseline();
    for (int i = 0; i < 20; i++) {
      b.update(window(10 + (i % 3), 200 + 10 * (i % 2), 0.01));
    }
    FeatureVector attack = window(300, 20, 0.01);

    List<FeatureDeviation> top = b.explain(attack, 2);

    assertThat(top).hasSize(2);
    assertThat(top.get(0).feature()).isEqualTo("request_rate");
    assertThat(top.get(0).direction()).isEqualTo(Direction.HIGHER);
    assertThat(top.get(0).value()).isEqualTo(300);
    assertThat(top.get(0).baselineMean()).isCloseTo(10.95, within(0.01));
    assertThat(top.get(1).feature()).isEqualTo("latency_p99_ms");
    assertThat(top.get(1).direction()).isEqualTo(Direction.LOWER);
    assertThat(top.get(1).zScore()).isNegative();
    assertThat(Math.abs(top.get(0).zScore())).isGreaterThan(Math.abs(top.get(1).zScore()));
  }

  @Test
  void shouldNotExplainOrScoreWhenBaselineIsWarmingUp() {
    FeatureBaseline b = new FeatureBaseline(0.0, 5);
    for (int i = 0; i < 4; i++) {
      b.update(window(10, 100, 0));
    }

    assertThat(b.warmingUp()).isTrue();
    assertThat(b.explain(window(1000, 100, 0), 3)).isEmpty();
    assertThat(b.coldStartScore(window(1000, 100, 0))).isZero();
  }

  @Test
  void shouldMapMaxAbsZToDocumentedColdStartScoreWhenNoModel() {
    FeatureBaseline b = new FeatureBaseline();
    for (int i = 0; i < 10; i++) {
      b.update(window(100, 100, 0)); // flat: sd floor = max(0.1, 5 % of 100) = 5 req/s
    }

    assertThat(b.coldStartScore(window(100, 100, 0))).isZero();
    assertThat(b.coldStartScore(window(120, 100, 0))).isCloseTo(50.0, within(1e-9)); // z = 4
    assertThat(b.coldStartScore(window(140, 100, 0))).isCloseTo(80.0, within(1e-9)); // z = 8
    assertThat(b.coldStartScore(window(1e12, 100, 0))).isBetween(99.9, 100.0);
  }

  @Test
  void shouldFollowLevelShiftWhenExponentiallyWeighted() {
    FeatureBaseline ew = new FeatureBaseline(0.2, 5);
    FeatureBaseline equal = new FeatureBaseline();
    for (int i = 0; i < 50; i++) {
      ew.update(window(10, 100, 0));
      equal.update(window(10, 100, 0));
    }
    for (int i = 0; i < 30; i++) {
      ew.update(window(50, 100, 0));
      equal.update(window(50, 100, 0));
    }

    assertThat(ew.mean(Feature.REQUEST_RATE)).isCloseTo(50.0, within(0.1));
    assertThat(equal.mean(Feature.REQUEST_RATE)).isCloseTo(25.0, within(1e-9));
    assertThat(ew.sd(Feature.REQUEST_RATE)).isLessThan(equal.sd(Feature.REQUEST_RATE));
  }
}
