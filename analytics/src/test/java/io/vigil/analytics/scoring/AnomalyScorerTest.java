package io.vigil.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.baseline.Direction;
import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ThreatClass;
import org.junit.jupiter.api.Test;

class AnomalyScorerTest {

  private static FeatureVector window(long i, double rate) {
    double[] v = new double[Feature.count()];
    v[Feature.REQUEST_RATE.ordinal()] = rate;
    v[Feature.LATENCY_P50_MS.ordinal()] = 40;
    return new FeatureVector(EntityType.SERVICE, "checkout", i * 10_000, (i + 1) * 10_000, v);
  }

  @Test
  void shouldScoreFromBaselineAndFlagColdStartWhenNoModelExists() {
    AnomalyScorer scorer = new AnomalyScorer(2);
    FeatureBaseline baseline = new FeatureBaseline();
    for (int i = 0; i < 20; i++) {
      AnomalyAssessment normal = scorer.assess(window(i, 100 + (i % 5)), baseline, null);
      assertThat(normal.coldStart()).isTrue();
      assertThat(normal.score()).isLessThan(20);
    }

    AnomalyAssessment flood = scorer.assess(window(20, 5_000), baseline, null);

    assertThat(flood.coldStart()).isTrue();
    assertThat(flood.modelVersion()).isEqualTo(AnomalyScorer.BASELINE_MODEL_VERSION);
    assertThat(flood.threatClass()).isEqualTo(ThreatClass.NONE);
    assertThat(flood.confidence()).isZero();
    assertThat(flood.score()).isGreaterThan(95).isLessThanOrEqualTo(100);
    assertThat(flood.explanation()).isNotEmpty();
    assertThat(flood.explanation().get(0).feature()).isEqualTo("request_rate");
    assertThat(flood.explanation().get(0).direction()).isEqualTo(Direction.HIGHER);
    assertThat(flood.baselineWindows()).isEqualTo(20);
    assertThat(baseline.count()).isEqualTo(21);
  }

  @Test
  void shouldReportWarmUpAsZeroScoreWhenBaselineIsEmpty() {
    AnomalyAssessment first =
        new AnomalyScorer().assess(window(0, 100), new FeatureBaseline(), null);

    assertThat(first.score()).isZero();
    assertThat(first.explanation()).isEmpty();
    assertThat(first.baselineWindows()).isZero();
  }
}
