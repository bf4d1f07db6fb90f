package io.vigil.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.analytics.eval.ForecastAccuracy;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoadForecasterTest {

  /**
   * Expected numbers worked by hand from the component-form equations of Hyndman and
   * Athanasopoulos, "Forecasting: Principles and Practice" (2nd ed.), §7.3, with alpha = 0.5, beta
   * = 0.1, gamma = 0.2, m = 2 and the initial states documented on {@link HoltWinters} (l = 15.5, b
   * = 1, s = [-4.5, 4.5] from the first two seasons).
   */
  @Test
  void shouldReproduceHandComputedHoltWintersRecursionWhenParametersAreFixed() {
    double[] y = {10, 20, 12, 22, 15, 24};

    HoltWinters hw = HoltWinters.run(y, 0.5, 0.1, 0.2, 2);

    assertThat(hw.level).isCloseTo(19.775, within(1e-12));
    assertThat(hw.trend).isCloseTo(1.0225, within(1e-12));
    assertThat(hw.season).containsExactly(new double[] {-4.3, 4.39}, within(1e-12));
    assertThat(hw.sse).isCloseTo(1.3025, within(1e-12)); // residuals 0, 0, 1, -0.55
    assertThat(hw.residuals).isEqualTo(4);
    assertThat(hw.forecast(6, 1)).isCloseTo(16.4975, within(1e-12));
    assertThat(hw.forecast(6, 2)).isCloseTo(26.21, within(1e-12));
    assertThat(hw.forecast(6, 3)).isCloseTo(18.5425, within(1e-12));
    // c1 = alpha(1 + beta) = 0.55; c2 = alpha(1 + 2 beta) + gamma = 0.8
    assertThat(hw.varianceMultiplier(1)).isEqualTo(1.0);
    assertThat(hw.varianceMultiplier(2)).isCloseTo(1.3025, within(1e-12));
    assertThat(hw.varianceMultiplier(3)).isCloseTo(1.9425, within(1e-12));
  }

  @Test
  void shouldAverageSeasonsAndNeighbouringPhasesWhenStartingHoltWinters() {
    // Given: 10 + 0.5 t + pattern [1, -1, 2, -2] over three seasons of 4, with noise +-0.6 on
    // phases 0 and 1 in the first two seasons (it cancels within each season and across them)
    double[] pattern = {1, -1, 2, -2};
    double[][] noise = {{0.6, -0.6, 0, 0}, {-0.6, 0.6, 0, 0}, {0, 0, 0, 0}};
    double[] y = new double[12];
    for (int t = 0; t < 12; t++) {
      y[t] = 10 + 0.5 * t + pattern[t % 4] + noise[t / 4][t % 4];
    }

    HoltWinters.Initial plain = HoltWinters.averagedSeasons(y, 4, 1);
    HoltWinters.Initial smoothed = HoltWinters.averagedSeasons(y, 4, 3);

    // Then: the pattern exactly, level at t = 3 on the trend line (10 + 0.5 * 1.5 + 0.5 * 1.5)
    assertThat(plain.trend()).isCloseTo(0.5, within(1e-12));
    assertThat(plain.level()).isCloseTo(11.5, within(1e-12));
    assertThat(plain.season()).containsExactly(pattern, within(1e-12));
    // circular 3-phase means: (-2+1-1)/3, (1-1+2)/3, (-1+2-2)/3, (2-2+1)/3
    assertThat(smoothed.season())
        .containsExactly(new double[] {-2.0 / 3, 2.0 / 3, -1.0 / 3, 1.0 / 3}, within(1e-12));
    // the textbook start keeps the first season's noise
    assertThat(HoltWinters.firstSeason(y, 4).season()[0]).isCloseTo(1.6, within(1e-12));
    assertThat(LoadForecaster.smoothingWidth(1440)).isEqualTo(15);
    assertThat(LoadForecaster.smoothingWidth(288)).isEqualTo(3);
    assertThat(LoadForecaster.smoothingWidth(60)).isEqualTo(1);
  }

  @Test
  void shouldRecoverKnownSeasonalPatternWhenHistoryHasTenSeasons() {
    // Synthetic: y(t) = 200 + 0.2 t + 30 sin(2 pi t / 24) + N(0, 3^2), 10 days of hourly points
    int m = 24;
    Random r = new Random(17);
    double[] history = new double[10 * m];
    for (int t = 0; t < history.length; t++) {
      history[t] = truth(t, m) + 3 * r.nextGaussian();
    }
    double[] actual = new double[m];
    double[] mean = new double[m];

    Forecast f = new LoadForecaster().forecast(history, m, m);

    assertThat(f.seasonal()).isTrue();
    assertThat(f.method()).isEqualTo("holt-winters-additive");
    assertThat(f.note()).isEmpty();
    assertThat(f.residualSd()).isBetween(2.0, 4.5);
    double absError = 0;
    int inside95 = 0;
    for (ForecastPoint p : f.points()) {
      double expected = truth(history.length + p.step() - 1, m);
      absError += Math.abs(p.mean() - expected);
      if (expected >= p.lower95() && expected <= p.upper95()) {
        inside95++;
      }
      actual[p.step() - 1] = expected + 3 * r.nextGaussian();
      mean[p.step() - 1] = p.mean();
    }
    assertThat(absError / m).isLessThan(3.0); // the pattern (amplitude 30) is recovered
    assertThat(inside95).isGreaterThanOrEqualTo(22);
    assertThat(ForecastAccuracy.mase(actual, mean, history, m)).isLessThan(0.8);
  }

  @Test
  void shouldFallBackToHoltAndSaySoWhenHistoryIsShorterThanTwoSeasons() {
    double[] history = new double[30];
    for (int t = 0; t < history.length; t++) {
      history[t] = 50 + t + (t % 2);
    }

    Forecast f = new LoadForecaster().forecast(history, 24, 5);

    assertThat(f.seasonal()).isFalse();
    assertThat(f.method()).isEqualTo("holt-linear");
    assertThat(f.note()).isEqualTo("history too short for seasonal model: 30 < 2×24");
    assertThat(f.points().get(0).mean()).isBetween(78.0, 82.0);
    assertThat(f.gamma()).isNaN();
  }

  @Test
  void shouldOrderAndWidenIntervalsWhenAnyModelIsUsed() {
    Random r = new Random(2);
    double[] seasonal = new double[96];
    for (int t = 0; t < seasonal.length; t++) {
      seasonal[t] = truth(t, 12) + 5 * r.nextGaussian();
    }
    LoadForecaster forecaster = new LoadForecaster(false);

    for (Forecast f :
        new Forecast[] {
          forecaster.forecast(seasonal, 12, 30),
          forecaster.forecast(java.util.Arrays.copyOf(seasonal, 20), 12, 30),
          forecaster.forecast(new double[] {5, 9}, 0, 30)
        }) {
      double previousWidth = -1;
      for (ForecastPoint p : f.points()) {
        assertThat(p.lower95()).isLessThanOrEqualTo(p.lower80());
        assertThat(p.lower80()).isLessThanOrEqualTo(p.mean());
        assertThat(p.mean()).isLessThanOrEqualTo(p.upper80());
        assertThat(p.upper80()).isLessThanOrEqualTo(p.upper95());
        double width = p.upper95() - p.lower95();
        assertThat(width).isGreaterThanOrEqualTo(previousWidth);
        previousWidth = width;
      }
      assertThat(f.points().get(29).upper95() - f.points().get(29).lower95())
          .isGreaterThan(f.points().get(0).upper95() - f.points().get(0).lower95());
    }
  }

  @Test
  void shouldUseNaiveForecastWhenHistoryHasFewerThanThreePoints() {
    Forecast f = new LoadForecaster().forecast(new double[] {7}, 24, 3);

    assertThat(f.method()).isEqualTo("naive");
    assertThat(f.seasonal()).isFalse();
    assertThat(f.note()).contains("1 < 3");
    assertThat(f.points()).extracting(ForecastPoint::mean).containsOnly(7.0);
  }

  @Test
  void shouldCarryLastValueForwardAndClipAtZeroWhenHistoryHasGapsAndFalls() {
    double[] history = {Double.NaN, 10, 8, Double.NaN, 4, 2};

    Forecast f = new LoadForecaster().forecast(history, 0, 10);

    assertThat(f.historyLength()).isEqualTo(6);
    assertThat(f.points()).allSatisfy(p -> assertThat(p.lower95()).isGreaterThanOrEqualTo(0.0));
    assertThat(f.points().get(9).mean()).isZero();
  }

  private static double truth(int t, int m) {
    return 200 + 0.2 * t + 30 * Math.sin(2 * Math.PI * t / m);
  }
}
