package io.vigil.analytics.univariate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UnivariateDetectorTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 60_000;

  @Test
  void shouldScoreSpikeHighAndSteadySeriesLowWhenNoiseIsGaussian() {
    UnivariateDetector d = new UnivariateDetector();
    Random r = new Random(5);
    double maxSteady = 0;
    for (int i = 0; i < 500; i++) {
      UnivariateScore s = d.score(T0 + i * STEP, 100 + 2 * r.nextGaussian());
      if (i >= 10) {
        maxSteady = Math.max(maxSteady, s.score());
        assertThat(s.status()).isEqualTo(UnivariateScore.Status.OK);
      }
    }

    UnivariateScore spike = d.score(T0 + 500 * STEP, 160);
    UnivariateScore after = d.score(T0 + 501 * STEP, 100);

    assertThat(maxSteady).isLessThan(0.2);
    assertThat(spike.score()).isGreaterThan(0.99);
    assertThat(spike.zScore()).isGreaterThan(10);
    assertThat(spike.expected()).isBetween(99.0, 101.0);
    assertThat(after.score()).isLessThan(0.2); // one spike barely moves the winsorised state
  }

  @Test
  void shouldScoreEveryPointInArrivalOrderWhenTimestampsRepeatOrStepBack() {
    UnivariateDetector d = new UnivariateDetector();
    long[] ts = {5, 6, 7, 7, 7, 3, 8, 9, 1, 10, 11, 12, 12, 13, 2, 14};
    int flagged = 0;
    for (int i = 0; i < ts.length; i++) {
      UnivariateScore s = d.score(T0 + ts[i] * STEP, 50 + (i % 2));
      assertThat(s.score()).isBetween(0.0, 1.0);
      if (s.timestampNotIncreasing()) {
        flagged++;
      }
    }
    UnivariateScore spike = d.score(T0 + 4 * STEP, 500);

    assertThat(flagged).isEqualTo(6);
    assertThat(spike.timestampNotIncreasing()).isTrue();
    assertThat(spike.score()).isGreaterThan(0.99);
  }

  @Test
  void shouldScoreZeroAndKeepStateWhenValueIsNotFinite() {
    UnivariateDetector d = new UnivariateDetector();
    for (int i = 0; i < 30; i++) {
      d.score(T0 + i * STEP, 10);
    }
    double before = d.expected();

    UnivariateScore nan = d.score(T0 + 30 * STEP, Double.NaN);
    UnivariateScore inf = d.score(T0 + 31 * STEP, Double.NEGATIVE_INFINITY);

    assertThat(nan.score()).isZero();
    assertThat(nan.status()).isEqualTo(UnivariateScore.Status.NON_FINITE);
    assertThat(inf.status()).isEqualTo(UnivariateScore.Status.NON_FINITE);
    assertThat(d.expected()).isEqualTo(before);
    assertThat(d.score(T0 + 32 * STEP, 10).score()).isLessThan(0.01);
  }

  @Test
  void shouldWarmUpBeforeScoringWhenSeriesStarts() {
    UnivariateDetector d = new UnivariateDetector();

    UnivariateScore first = d.score(T0, 1e9);

    assertThat(first.status()).isEqualTo(UnivariateScore.Status.WARMING_UP);
    assertThat(first.score()).isZero();
    assertThat(first.expected()).isNaN();
  }

  @Test
  void shouldWeighLongGapsMoreWhenSamplingIsIrregular() {
    UnivariateDetector regular = new UnivariateDetector();
    UnivariateDetector gappy = new UnivariateDetector();
    for (int i = 0; i < 50; i++) {
      regular.score(T0 + i * STEP, 10);
      gappy.score(T0 + i * STEP, 10);
    }
    // same new level, once after one step and once after a ten-step gap
    regular.score(T0 + 50 * STEP, 12);
    gappy.score(T0 + 59 * STEP, 12);

    assertThat(gappy.expected()).isGreaterThan(regular.expected());
    assertThat(regular.expected()).isGreaterThan(10);
  }
}
