package io.vigil.features.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.analytics.eval.ClassMetrics;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.features.GroundTruth;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowEvaluationTest {

  private static final long W = 10_000;

  private static final GroundTruthLabel DDOS_IP =
      label("6.6.6.6", io.vigil.common.ThreatClass.DDOS, Variant.SLOW_AND_LOW, 25_000, 60_000);
  private static final GroundTruthLabel STUFFING_IP =
      label(
          "7.7.7.7",
          io.vigil.common.ThreatClass.CREDENTIAL_STUFFING,
          Variant.NORMAL,
          20_000,
          40_000);

  private static GroundTruthLabel label(
      String ip, io.vigil.common.ThreatClass c, Variant variant, long start, long end) {
    return new GroundTruthLabel(
        io.vigil.analytics.EntityType.CLIENT_IP,
        ip,
        c,
        LabelRole.SOURCE,
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end),
        "a-" + ip,
        variant);
  }

  private static final GroundTruth TRUTH = new GroundTruth(List.of(DDOS_IP, STUFFING_IP));

  private static JudgedWindow window(String ip, int index, ThreatClass alert) {
    GroundTruth.Truth t = TRUTH.of(EntityType.CLIENT_IP, ip, index * W, (index + 1) * W);
    return new JudgedWindow(
        EntityType.CLIENT_IP,
        ip,
        index * W,
        (index + 1) * W,
        t,
        alert != null,
        alert == null ? ThreatClass.NONE : alert);
  }

  @Test
  void shouldCountWindowLevelMetricsWhenVerdictsAreHandMade() {
    // Given: ddos ip attacks in windows 2..5 (25 s..60 s), stuffing ip in windows 2..3 (20..40 s);
    // 8 windows each; plus one ignored window (a victim service)
    List<JudgedWindow> windows = new ArrayList<>();
    // ddos ip: window 2 missed, 3 alerts ddos, 4 alerts scraping (wrong class), 5 alerts none
    // (class none: a novelty alert), 7 a false alarm as ddos
    ThreatClass[] ddos = {
      null,
      null,
      null,
      ThreatClass.DDOS,
      ThreatClass.SCRAPING,
      ThreatClass.NONE,
      null,
      ThreatClass.DDOS
    };
    // stuffing ip: windows 2, 3 right class; window 0 a false alarm as stuffing
    ThreatClass[] stuffing = {
      ThreatClass.CREDENTIAL_STUFFING,
      null,
      ThreatClass.CREDENTIAL_STUFFING,
      ThreatClass.CREDENTIAL_STUFFING,
      null,
      null,
      null,
      null
    };
    for (int i = 0; i < 8; i++) {
      windows.add(window("6.6.6.6", i, ddos[i]));
      windows.add(window("7.7.7.7", i, stuffing[i]));
    }
    GroundTruthLabel victim =
        new GroundTruthLabel(
            io.vigil.analytics.EntityType.SERVICE,
            "search",
            io.vigil.common.ThreatClass.DDOS,
            LabelRole.TARGET,
            Instant.ofEpochMilli(0),
            Instant.ofEpochMilli(80_000),
            "a",
            Variant.NORMAL);
    windows.add(
        new JudgedWindow(
            EntityType.SERVICE,
            "search",
            0,
            W,
            new GroundTruth(List.of(victim)).of(EntityType.SERVICE, "search", 0, W),
            true,
            ThreatClass.DDOS));

    // When
    DetectionQuality q = WindowEvaluation.evaluate(windows);

    // Then: 16 counted, 1 ignored, 6 attack windows (ddos 2..5, stuffing 2..3)
    assertThat(q.windows()).isEqualTo(16);
    assertThat(q.ignoredWindows()).isEqualTo(1);
    assertThat(q.attackWindows()).isEqualTo(6);
    // detection: TP = ddos 3,4,5 + stuffing 2,3 = 5; FP = ddos 7 + stuffing 0 = 2; FN = ddos 2
    assertThat(q.detection()).isEqualTo(new ClassMetrics(5, 2, 1));
    assertThat(q.trueNegatives()).isEqualTo(16 - 6 - 2);
    assertThat(q.falsePositiveRate()).isCloseTo(2.0 / 10, within(1e-12));
    // class-aware: TP = ddos 3 + stuffing 2,3 = 3; FP = ddos 4 (scraping), 5 (none), 7, stuffing 0
    // = 4; FN = ddos 2, 4, 5 = 3
    assertThat(q.classAware()).isEqualTo(new ClassMetrics(3, 4, 3));
    // per class: ddos TP 3, FP 7, FN 2,4,5; scraping FP 4; stuffing TP 2,3, FP 0
    DetectionQuality.ClassQuality d = q.perClass().get(ThreatClass.DDOS);
    assertThat(d.classAware()).isEqualTo(new ClassMetrics(1, 1, 3));
    assertThat(d.windows()).isEqualTo(4);
    assertThat(d.detected()).isEqualTo(3);
    assertThat(d.detectionRecall()).isCloseTo(0.75, within(1e-12));
    assertThat(q.perClass().get(ThreatClass.SCRAPING).classAware())
        .isEqualTo(new ClassMetrics(0, 1, 0));
    assertThat(q.perClass().get(ThreatClass.CREDENTIAL_STUFFING).classAware())
        .isEqualTo(new ClassMetrics(2, 1, 0));
    assertThat(q.perClass()).doesNotContainKey(ThreatClass.NONE);

    // time to detect: ddos starts at 25 s, first alert window 3 ends at 40 s: 15 s = 2 windows;
    // stuffing starts at 20 s, window 2 ends at 30 s: 10 s = 1 window
    assertThat(d.timeToDetect()).isEqualTo(new TimeToDetectStats(1, 1, 0, 15.0, 2, 2));
    assertThat(q.timeToDetect().intervals()).isEqualTo(2);
    assertThat(q.timeToDetect().detected()).isEqualTo(2);
    assertThat(q.timeToDetect().withinOneWindow()).isEqualTo(1);
    assertThat(q.timeToDetect().meanSeconds()).isCloseTo(12.5, within(1e-12));
    assertThat(q.timeToDetect().medianWindows()).isEqualTo(1);
    assertThat(q.timeToDetect().maxWindows()).isEqualTo(2);

    // per variant: ddos slow-and-low 4 windows, 3 alerted, 1 right class
    DetectionQuality.VariantQuality v = q.perVariant().get("ddos/slow_and_low");
    assertThat(v.windows()).isEqualTo(4);
    assertThat(v.detected()).isEqualTo(3);
    assertThat(v.correctClass()).isEqualTo(1);
    assertThat(q.perVariant().get("credential_stuffing/normal").classRecall()).isEqualTo(1.0);
  }

  @Test
  void shouldReportAnIntervalUndetectedWhenNoWindowOfItAlerts() {
    // Given: the ddos ip is never alerted, the stuffing ip only after its attack
    List<JudgedWindow> windows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      windows.add(window("6.6.6.6", i, null));
      windows.add(window("7.7.7.7", i, i == 5 ? ThreatClass.CREDENTIAL_STUFFING : null));
    }

    DetectionQuality q = WindowEvaluation.evaluate(windows);

    assertThat(q.timeToDetect()).isEqualTo(new TimeToDetectStats(2, 0, 0, Double.NaN, -1, -1));
    assertThat(q.detection()).isEqualTo(new ClassMetrics(0, 1, 6));
    assertThat(q.detection().f1()).isZero();
    assertThat(q.perClass().get(ThreatClass.DDOS).detectionRecall()).isZero();
  }
}
