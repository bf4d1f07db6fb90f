package io.vigil.features.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {

  private static final ForecastEvaluation.Settings SETTINGS =
      new ForecastEvaluation.Settings(
          1,
          Instant.EPOCH,
          Duration.ofMinutes(24 * 3),
          Duration.ofMinutes(1),
          Duration.ofMinutes(24),
          6,
          Duration.ofMinutes(3));

  @Test
  void shouldScoreSeasonalNaiveAtOneAndHoltWintersNearZeroWhenTheSeriesIsTrendPlusSeason() {
    // Given: y = 0.1 t + 5 sin(2 pi t / 24), 72 steps, season 24: the seasonal-naive error is
    // always the trend over one season, 2.4, in and out of sample, so its MASE is exactly 1;
    // additive Holt-Winters captures trend and season
    double[] y = new double[72];
    for (int t = 0; t < y.length; t++) {
      y[t] = 0.1 * t + 5 * Math.sin(2 * Math.PI * t / 24) + 10;
    }

    ForecastEvaluation.ForecastQuality q = ForecastEvaluation.backtest(Map.of("svc", y), SETTINGS);

    // origins at 48, 51, ..., 66 (66 + 6 = 72): 7
    ForecastEvaluation.ServiceAccuracy a = q.perService().get("svc");
    assertThat(a.origins()).isEqualTo(7);
    assertThat(a.seasonalNaiveMase()).isCloseTo(1.0, within(1e-9));
    assertThat(a.mase()).isLessThan(0.1);
    assertThat(q.mase()).isEqualTo(a.mase());
    assertThat(q.methods()).containsEntry("holt-winters-additive", 7);
  }

  @Test
  void shouldRefuseARunShorterThanTwoSeasonsAndAHorizon() {
    assertThatThrownBy(
            () ->
                new ForecastEvaluation.Settings(
                    1,
                    Instant.EPOCH,
                    Duration.ofMinutes(50),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(24),
                    6,
                    Duration.ofMinutes(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two seasons");
  }
}
