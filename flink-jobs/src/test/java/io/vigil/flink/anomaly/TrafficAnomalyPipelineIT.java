package io.vigil.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.RequestObservation;
import io.vigil.flink.common.JobSettings;
import io.vigil.flink.common.SourceOffset;
import io.vigil.telemetry.RequestLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * The anomaly job's wiring on a local MiniCluster with bounded in-memory sources: fan-out per
 * entity, windows, features, broadcast-connected scoring, metric branch, and Flink's serializers
 * for every type on the way.
 */
class TrafficAnomalyPipelineIT extends TrafficTestBase {

  @Test
  void shouldScoreEveryEntityWindowAndMetricPointWhenNoUsableModelWasPublished() throws Exception {
    // When
    List<AnomalyEvent> anomalies = run("model");

    // Then
    assertThat(anomalies)
        .filteredOn(a -> !a.modelVersion().equals(MetricAnomalyFunction.MODEL_VERSION))
        .hasSize(12)
        .allSatisfy(a -> assertThat(a.coldStart()).isTrue())
        .extracting(a -> a.entityType() + "|" + a.entity())
        .containsOnly(
            "SERVICE|checkout",
            "CLIENT_IP|198.51.100.7",
            "PRINCIPAL|alice",
            "EDGE|checkout->payments");
    assertThat(anomalies)
        .filteredOn(a -> a.modelVersion().equals(MetricAnomalyFunction.MODEL_VERSION))
        .hasSize(12);
  }

  @Test
  void shouldEmitOnlyMetricAnomaliesWhenScoringIsNone() throws Exception {
    // When the same input runs through the windowed pipeline without scoring
    List<AnomalyEvent> anomalies = run("none");

    // Then no window is scored, the metric branch is unchanged
    assertThat(anomalies)
        .hasSize(12)
        .allSatisfy(
            a -> assertThat(a.modelVersion()).isEqualTo(MetricAnomalyFunction.MODEL_VERSION));
  }

  @Test
  void shouldRejectUnknownScoringModeWhenBuilding() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrafficAnomalyJob.scoring(JobSettings.of("anomaly", Map.of("scoring", "fast"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--scoring");
  }

  /**
   * 3 one-second windows of access logs and calls, 12 metric points and a corrupt model through the
   * job with {@code --scoring <scoring>}.
   */
  private List<AnomalyEvent> run(String scoring) throws Exception {
    List<TrafficObservation> requests = new ArrayList<>();
    List<TrafficObservation> calls = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      for (int i = 0; i < 5; i++) {
        long at = T0 + w * 1_000L + i * 150L;
        TrafficMapping.fanOut(log(at), new SourceOffset("requests", 0, w * 5L + i), requests::add);
        calls.add(
            new TrafficObservation(
                io.vigil.analytics.features.EntityType.EDGE,
                "checkout->payments",
                new RequestObservation(
                    at, "payments", null, null, "POST /pay", 200, 5, 0, 10, "checkout", "payments"),
                "spans",
                0,
                i));
      }
    }
    List<MetricSample> metrics = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      metrics.add(new MetricSample("checkout", "process.cpu.utilization", T0 + i * 250L, 0.3));
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    JobSettings settings =
        JobSettings.of(
            "anomaly",
            Map.of(
                "window-ms",
                "1000",
                "min-score",
                "0",
                "out-of-orderness-ms",
                "1",
                TrafficAnomalyJob.SCORING,
                scoring));

    DataStream<AnomalyEvent> out =
        TrafficAnomalyJob.build(
            env,
            new TrafficAnomalyJob.Sources(
                bounded(requests, TrafficObservation.class),
                bounded(calls, TrafficObservation.class),
                bounded(metrics, MetricSample.class),
                bounded(
                    List.of(new ModelArtifact("traffic", "broken", null, new byte[] {1}, null)),
                    ModelArtifact.class)),
            new TrafficAnomalyJob.Sinks(new DiscardingSink<>(), new DiscardingSink<>()),
            settings);
    return out.executeAndCollect(100);
  }

  private static <T> Source<T, ?, ?> bounded(List<T> elements, Class<T> type) {
    TypeInformation<T> info = TypeInformation.of(type);
    return new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(
            info, new org.apache.flink.api.common.ExecutionConfig(), elements),
        elements.size(),
        info);
  }

  private static RequestLog log(long at) {
    return RequestLog.newBuilder()
        .setEventId("e-" + at)
        .setOccurredAt(Instant.ofEpochMilli(at))
        .setService("checkout")
        .setClientIp("198.51.100.7")
        .setPrincipal("alice")
        .setMethod("GET")
        .setRoute("/orders/{id}")
        .setPath("/orders/1")
        .setStatus(200)
        .setLatencyMs(12)
        .setBytesOut(700)
        .build();
  }
}
