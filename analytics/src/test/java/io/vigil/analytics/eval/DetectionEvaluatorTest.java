package io.vigil.analytics.eval;

import static io.vigil.analytics.model.ThreatClass.CREDENTIAL_STUFFING;
import static io.vigil.analytics.model.ThreatClass.DDOS;
import static io.vigil.analytics.model.ThreatClass.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.analytics.model.ThreatClass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEvaluatorTest {

  private static final long W = 10_000;

  private static ScoredWindow window(String entity, int index, boolean alerted, ThreatClass c) {
    return new ScoredWindow(entity, index * W, (index + 1) * W, alerted, c);
  }

  @Test
  void shouldCountWindowLevelMetricsWhenAlertsAreHandMade() {
    // Given: ip-1 under ddos in windows 2..4 (20 s to 50 s); ip-2 under credential stuffing in
    // windows 6..7 (starting mid-window 6, at 65 s); 10 windows per entity
    List<LabelledInterval> truth =
        List.of(
            new LabelledInterval("ip-1", DDOS, 2 * W, 5 * W),
            new LabelledInterval("ip-2", CREDENTIAL_STUFFING, 6 * W + W / 2, 8 * W));
    List<ScoredWindow> windows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // ip-1: alerts in 3, 4 (ddos) and 8 (false alarm, ddos); window 2 missed
      boolean a1 = i == 3 || i == 4 || i == 8;
      windows.add(window("ip-1", i, a1, a1 ? DDOS : NONE));
      // ip-2: alerts in 6 (right class) and 7 (wrong class: ddos)
      boolean a2 = i == 6 || i == 7;
      windows.add(window("ip-2", i, a2, i == 6 ? CREDENTIAL_STUFFING : i == 7 ? DDOS : NONE));
    }

    EvaluationReport r = DetectionEvaluator.evaluate(windows, truth);

    // detection: TP = 3,4 (ip-1) + 6,7 (ip-2) = 4; FP = 8 (ip-1) = 1; FN = 2 (ip-1) = 1
    assertThat(r.detection()).isEqualTo(new ClassMetrics(4, 1, 1));
    assertThat(r.trueNegatives()).isEqualTo(20 - 6);
    assertThat(r.detection().precision()).isCloseTo(0.8, within(1e-12));
    assertThat(r.detection().recall()).isCloseTo(0.8, within(1e-12));
    assertThat(r.detection().f1()).isCloseTo(0.8, within(1e-12));
    // ddos: TP = 3,4; FP = 8 (no attack) + ip-2 window 7 (was stuffing); FN = window 2
    assertThat(r.perClass().get(DDOS)).isEqualTo(new ClassMetrics(2, 2, 1));
    // stuffing: TP = 6; FN = 7 (predicted ddos)
    assertThat(r.perClass().get(CREDENTIAL_STUFFING)).isEqualTo(new ClassMetrics(1, 0, 1));
    assertThat(r.macroF1())
        .isCloseTo(
            (r.perClass().get(DDOS).f1() + r.perClass().get(CREDENTIAL_STUFFING).f1()) / 2,
            within(1e-12));
    // time to detect: ddos first alert window 3 ends at 40 s, interval starts at 20 s -> 20 s;
    // stuffing: window 6 ends at 70 s, interval starts at 65 s -> 5 s
    assertThat(r.timeToDetect().detected()).isEqualTo(2);
    assertThat(r.timeToDetect().intervalRecall()).isEqualTo(1.0);
    assertThat(r.timeToDetect().maxMillis()).isEqualTo(20_000);
    assertThat(r.timeToDetect().meanMillis()).isEqualTo(12_500.0);
    assertThat(r.timeToDetectPerClass().get(DDOS).medianMillis()).isEqualTo(20_000);
    assertThat(r.timeToDetectPerClass().get(CREDENTIAL_STUFFING).medianMillis()).isEqualTo(5_000);
  }

  @Test
  void shouldReportUndetectedIntervalWhenNoAlertOverlapsIt() {
    List<LabelledInterval> truth = List.of(new LabelledInterval("svc", DDOS, 0, W));
    List<ScoredWindow> windows =
        List.of(window("svc", 0, false, NONE), window("svc", 1, true, DDOS));

    EvaluationReport r = DetectionEvaluator.evaluate(windows, truth);

    assertThat(r.timeToDetect().detected()).isZero();
    assertThat(r.timeToDetect().meanMillis()).isNaN();
    assertThat(r.detection().recall()).isZero();
    assertThat(r.perClass().get(DDOS).f1()).isZero();
  }

  @Test
  void shouldBePerfectWhenThereIsNothingToFindAndNoAlert() {
    EvaluationReport r =
        DetectionEvaluator.evaluate(List.of(window("a", 0, false, NONE)), List.of());

    assertThat(r.detection().precision()).isEqualTo(1.0);
    assertThat(r.detection().recall()).isEqualTo(1.0);
    assertThat(r.perClass()).isEmpty();
    assertThat(r.macroF1()).isEqualTo(1.0);
  }

  @Test
  void shouldComputeMaseAgainstSeasonalNaiveWhenForecastIsGiven() {
    double[] history = {1, 2, 3, 1, 2, 5}; // seasonal naive (m = 3) errors: 0, 0, 2 -> scale 2/3
    double[] actual = {2, 2};
    double[] forecast = {1, 3}; // MAE 1

    assertThat(ForecastAccuracy.mase(actual, forecast, history, 3)).isCloseTo(1.5, within(1e-12));
    assertThatThrownBy(() -> ForecastAccuracy.mase(actual, forecast, new double[] {1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
