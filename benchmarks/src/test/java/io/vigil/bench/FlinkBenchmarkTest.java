package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkBenchmarkTest {

  @Test
  void shouldSizeInputByDurationWithinBoundsWhenAsked() {
    assertThat(FlinkBenchmark.records(Duration.ofSeconds(1))).isEqualTo(FlinkBenchmark.MIN_RECORDS);
    assertThat(FlinkBenchmark.records(Duration.ofSeconds(30)))
        .isEqualTo(30 * FlinkBenchmark.RECORDS_PER_SECOND);
    assertThat(FlinkBenchmark.records(Duration.ofHours(1))).isEqualTo(FlinkBenchmark.MAX_RECORDS);
    assertThat(FlinkBenchmark.virtualTime(1_000, 500)).isEqualTo(Duration.ofSeconds(90));
    assertThat(FlinkBenchmark.virtualTime(600_000, 400)).isEqualTo(Duration.ofSeconds(1_500));
  }

  @Test
  void shouldTimeJobFromRunningToFinishedAndCountWindowsOfTheNamedVertexWhenParsingDetails()
      throws Exception {
    JsonNode details =
        new ObjectMapper()
            .readTree(
                """
                {"state": "FINISHED", "timestamps": {"RUNNING": 1000, "FINISHED": 5000},
                 "vertices": [
                   {"name": "Source: telemetry.requests", "metrics": {"read-records": 0}},
                   {"name": "score windows (hot-swapped model) -> Sink", "metrics": {"read-records": 800}}
                 ]}
                """);
    FlinkBenchmark.Side side =
        FlinkBenchmark.Side.of(details, FlinkBenchmark.SCORING_VERTEX, 40_000);
    assertThat(side.seconds()).isEqualTo(4.0);
    assertThat(side.windows()).isEqualTo(800);
    assertThat(side.recordsPerSecond()).isCloseTo(10_000, within(1e-9));
    assertThat(side.row(40_000)).containsExactly(40_000.0, 800.0, 4.0, 10_000.0, 200.0);
    assertThatThrownBy(() -> FlinkBenchmark.Side.of(details, "nope", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void shouldScoreWindowsOnOneThreadWhenNoModelIsGiven() {
    double[] values = new double[Feature.count()];
    values[Feature.REQUEST_RATE.ordinal()] = 3;
    List<FeatureVector> vectors =
        List.of(
            new FeatureVector(EntityType.SERVICE, "checkout", 0, 10_000, values),
            new FeatureVector(EntityType.CLIENT_IP, "198.51.100.7", 0, 10_000, values));
    FlinkBenchmark.Scored scored =
        FlinkBenchmark.score(vectors, null, Duration.ofMillis(50), Duration.ofMillis(200));
    assertThat(scored.windows()).isPositive();
    assertThat(scored.seconds()).isGreaterThanOrEqualTo(0.2);
    assertThat(scored.row().get(4)).isPositive();
  }
}
