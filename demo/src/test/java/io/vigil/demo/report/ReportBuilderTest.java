package io.vigil.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.demo.report.DemoReport.AttackResult;
import io.vigil.demo.report.Observations.Anomaly;
import io.vigil.demo.report.Observations.Attack;
import io.vigil.demo.report.Observations.Entity;
import io.vigil.demo.report.Observations.FirewallCommand;
import io.vigil.demo.report.Observations.Forecast;
import io.vigil.demo.report.Observations.ScalingCommand;
import io.vigil.demo.report.Observations.Surge;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final long WINDOW = 10_000;
  private static final Entity BOT = new Entity("CLIENT_IP", "45.155.1.2");
  private static final Entity BOT2 = new Entity("CLIENT_IP", "45.155.1.3");
  private static final Entity GATEWAY = new Entity("SERVICE", "gateway");
  private static final Entity PROBE = new Entity("CLIENT_IP", "10.0.0.5");

  private static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Attack ddos() {
    return new Attack(
        "ddos-search",
        "DDOS",
        "NORMAL",
        t(25),
        t(45),
        java.util.Set.of(BOT, BOT2),
        java.util.Set.of(GATEWAY));
  }

  private static Anomaly anomaly(Entity e, long windowStart, String threatClass, long seenAt) {
    return new Anomaly(
        e, threatClass, 90, 0.9, t(windowStart), t(windowStart + 10), false, "v1", t(seenAt));
  }

  private static FirewallCommand block(String target, long seenAt) {
    return new FirewallCommand(
        "c-" + target, "BLOCK", "IP", target, "NEW", "ddos", t(seenAt - 1), t(seenAt));
  }

  private static DemoReport build(
      List<Attack> attacks,
      List<Anomaly> anomalies,
      List<FirewallCommand> commands,
      List<ScalingCommand> scaling,
      List<Surge> surges,
      SagaCheck.Summary sagas) {
    return ReportBuilder.build(
        new ReportBuilder.Inputs(
            new DemoReport.Run(
                7,
                "demo",
                true,
                T0,
                t(90),
                90_000,
                WINDOW,
                WINDOW,
                List.of("10.0.0.0/8", "127.0.0.0/8")),
            new DemoReport.Timings(1, 1, 1, 1, 1),
            null,
            Map.of(),
            attacks,
            surges,
            anomalies,
            commands,
            scaling,
            List.<Forecast>of(),
            sagas,
            List.of()));
  }

  private static SagaCheck.Summary healthySagas() {
    return new SagaCheck.Summary(
        3, 3, Map.of("COMPLETED", 2, "CANCELLED", 1), Map.of(), 0, List.of());
  }

  private static ScalingCommand scaleOut(long at) {
    return new ScalingCommand(
        "catalog",
        2,
        5,
        "OBSERVED",
        "OBSERVED_LOAD",
        "USED",
        "ENFORCE",
        80.0,
        null,
        t(at),
        t(at + 1));
  }

  private static Surge surge() {
    return new Surge("catalog-campaign", "catalog", 3.5, t(50), t(85));
  }

  @Test
  void shouldMeasureTimeToDetectFromTheFirstCoveringWindowAndTimeToMitigateFromTheFirstBlock() {
    // Given an attack from 25 s, windows [20,30) on the gateway and [30,40) on a bot, a block at 33
    // s
    List<Anomaly> anomalies =
        List.of(
            anomaly(BOT, 30, "DDOS", 42),
            anomaly(GATEWAY, 20, "NONE", 33),
            anomaly(BOT, 0, "NONE", 12));
    AttackResult r =
        ReportBuilder.attack(ddos(), anomalies, List.of(block("45.155.1.2", 44)), WINDOW);

    // Then detection is the window ending at 30 s: 5 s, the first window
    assertThat(r.detected()).isTrue();
    assertThat(r.timeToDetectMs()).isEqualTo(5_000);
    assertThat(r.timeToDetectWindows()).isEqualTo(1);
    assertThat(r.detectionLatencyMs()).isEqualTo(8_000);
    assertThat(r.anomalies()).isEqualTo(2);
    assertThat(r.sourcesDetected()).isEqualTo(1);
    assertThat(r.mitigated()).isTrue();
    assertThat(r.timeToMitigateMs()).isEqualTo(19_000);
    assertThat(r.sourcesMitigated()).isEqualTo(1);
  }

  @Test
  void shouldCountWindowsUpToTheFirstDetectionWhenTheFirstWindowsAreMissed() {
    AttackResult r =
        ReportBuilder.attack(ddos(), List.of(anomaly(BOT2, 40, "DDOS", 55)), List.of(), WINDOW);
    assertThat(r.timeToDetectMs()).isEqualTo(25_000);
    assertThat(r.timeToDetectWindows()).isEqualTo(3);
    assertThat(r.mitigated()).isFalse();
  }

  @Test
  void shouldMatchCidrCommandsToTheSourcesTheyCover() {
    FirewallCommand cidr =
        new FirewallCommand("c", "BLOCK", "CIDR", "45.155.1.0/24", "NEW", "x", t(30), t(31));
    assertThat(ReportBuilder.targets(cidr, BOT)).isTrue();
    assertThat(ReportBuilder.targets(cidr, PROBE)).isFalse();
    FirewallCommand lift =
        new FirewallCommand("c", "UNBLOCK", "IP", "45.155.1.2", "LIFTED", "x", t(30), t(31));
    assertThat(ReportBuilder.attack(ddos(), List.of(), List.of(lift), WINDOW).mitigated())
        .isFalse();
  }

  @Test
  void shouldBeHealthyWhenEveryAttackIsDetectedAndMitigatedAndTheSurgeScaled() {
    DemoReport report =
        build(
            List.of(ddos()),
            List.of(anomaly(BOT, 20, "DDOS", 33)),
            List.of(block("45.155.1.2", 35)),
            List.of(scaleOut(60)),
            List.of(surge()),
            healthySagas());

    assertThat(report.verdict().reasons()).isEmpty();
    assertThat(report.verdict().healthy()).isTrue();
    assertThat(report.scaling().surges().get(0).scaleOutsDuring()).isEqualTo(1);
    assertThat(report.scaling().surges().get(0).timeToScaleMs()).isEqualTo(10_000);
    assertThat(report.detection().precision()).isEqualTo(1.0);
    assertThat(report.detection().recall()).isEqualTo(0.5);
    assertThat(report.anomaliesByClass()).containsEntry("DDOS", 1L);
  }

  @Test
  void shouldGiveEveryReasonWhenTheRunIsNotHealthy() {
    // Given a missed attack, a block of an allow-listed prober, no scaling and a stuck saga
    SagaCheck.Summary sagas =
        new SagaCheck.Summary(
            3,
            3,
            Map.of("COMPLETED", 2, "RUNNING", 1),
            Map.of(),
            1,
            List.of("saga x is not terminal: RUNNING"));
    DemoReport report =
        build(
            List.of(ddos()),
            List.of(anomaly(PROBE, 50, "SCRAPING", 61)),
            List.of(block("10.0.0.5", 62)),
            List.of(),
            List.of(surge()),
            sagas);

    // Then
    assertThat(report.verdict().healthy()).isFalse();
    assertThat(report.verdict().reasons())
        .anyMatch(r -> r.contains("saga invariants violated"))
        .anyMatch(r -> r.contains("ddos-search") && r.contains("not detected"))
        .anyMatch(r -> r.contains("ddos-search") && r.contains("no firewall command"))
        .anyMatch(r -> r.contains("allow-listed"))
        .anyMatch(r -> r.contains("no scale-out of catalog"));
    assertThat(report.firewall().againstAllowList()).isEqualTo(1);
    assertThat(report.firewall().onOtherTargets()).isEqualTo(1);
    assertThat(report.detection().precision()).isZero();
  }

  @Test
  void shouldLeaveAnomaliesAfterTheRunAndMetricPointsOutOfTheWindowCounts() {
    Anomaly late = anomaly(BOT, 95, "DDOS", 110);
    Anomaly metric =
        new Anomaly(
            GATEWAY,
            "NONE",
            99,
            0,
            t(30),
            t(30),
            false,
            ReportBuilder.METRIC_DETECTOR_VERSION,
            t(31));
    DemoReport report =
        build(
            List.of(ddos()),
            List.of(late, metric),
            List.of(),
            List.of(),
            List.of(),
            healthySagas());
    assertThat(report.detection().alertedWindows()).isZero();
    assertThat(report.detection().metricAnomalies()).isEqualTo(1);
    assertThat(report.attacks().get(0).detected()).isFalse();
  }

  @Test
  void shouldWriteJsonThatReadsBackAndMarkdownNamingTheVerdict() throws Exception {
    DemoReport report =
        build(
            List.of(ddos()),
            List.of(anomaly(BOT, 20, "DDOS", 33)),
            List.of(block("45.155.1.2", 35)),
            List.of(scaleOut(60)),
            List.of(surge()),
            healthySagas());
    String json = ReportWriter.json(report);
    var tree = ReportWriter.mapper().readTree(json);
    assertThat(tree.path("verdict").path("healthy").asBoolean()).isTrue();
    assertThat(tree.path("attacks").get(0).path("timeToDetectWindows").asInt()).isEqualTo(1);
    assertThat(tree.path("run").path("start").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(ReportWriter.markdown(report)).contains("Verdict: healthy", "ddos-search");
  }
}
