package io.vigil.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.Direction;
import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import org.junit.jupiter.api.Test;

class AnomalyEventTest extends TrafficTestBase {

  private static AnomalyEvent event(String version) {
    return new AnomalyEvent(
        "CLIENT_IP",
        "203.0.113.9",
        T0,
        T0 + WINDOW,
        87.5,
        false,
        "CREDENTIAL_STUFFING",
        0.93,
        version,
        new String[] {"auth_failure_ratio", "request_rate"},
        new double[] {0.8, 3.0},
        new double[] {0.01, 3.0},
        new boolean[] {true, false});
  }

  @Test
  void shouldMapEveryFieldWhenConvertedToAvro() {
    // When
    Anomaly a = event("m-7").toAvro();

    // Then
    assertThat(a.getEntityType()).isEqualTo(EntityType.CLIENT_IP);
    assertThat(a.getEntity()).isEqualTo("203.0.113.9");
    assertThat(a.getScore()).isEqualTo(87.5);
    assertThat(a.getThreatClass()).isEqualTo(ThreatClass.CREDENTIAL_STUFFING);
    assertThat(a.getConfidence()).isEqualTo(0.93);
    assertThat(a.getModelVersion()).isEqualTo("m-7");
    assertThat(a.getWindowStart().toEpochMilli()).isEqualTo(T0);
    assertThat(a.getWindowEnd().toEpochMilli()).isEqualTo(T0 + WINDOW);
    assertThat(a.getColdStart()).isFalse();
    assertThat(a.getExplanation()).hasSize(2);
    assertThat(a.getExplanation().get(0).getFeature()).isEqualTo("auth_failure_ratio");
    assertThat(a.getExplanation().get(0).getBaseline()).isEqualTo(0.01);
    assertThat(a.getExplanation().get(0).getDirection()).isEqualTo(Direction.ABOVE);
    assertThat(a.getExplanation().get(1).getDirection()).isEqualTo(Direction.NEUTRAL);
  }

  @Test
  void shouldDeriveSameEventIdWhenSameWindowIsReplayed() {
    assertThat(event("m-7").toAvro().getEventId()).isEqualTo(event("m-7").toAvro().getEventId());
    assertThat(event("m-7").toAvro().getEventId()).isNotEqualTo(event("m-8").toAvro().getEventId());
  }

  @Test
  void shouldDeriveDistinctEventIdsWhenTwoMetricsOfOneServiceScoreAtTheSameTime() {
    assertThat(metricEvent("process.cpu.utilization").toAvro().getEventId())
        .isNotEqualTo(metricEvent("http.server.request.count").toAvro().getEventId())
        .isEqualTo(metricEvent("process.cpu.utilization").toAvro().getEventId());
  }

  private static AnomalyEvent metricEvent(String metric) {
    return new AnomalyEvent(
        "SERVICE",
        "checkout",
        T0,
        T0 + 1,
        60,
        false,
        "NONE",
        0.0,
        MetricAnomalyFunction.MODEL_VERSION,
        new String[] {metric},
        new double[] {0.9},
        new double[] {0.3},
        new boolean[] {true});
  }
}
