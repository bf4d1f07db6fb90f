package io.vigil.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricAnomalyFunctionTest extends TrafficTestBase {

  private static final Duration TTL = Duration.ofMinutes(10);
  private KeyedOneInputStreamOperatorTestHarness<String, MetricSample, AnomalyEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new MetricAnomalyFunction(50.0, TTL), MetricSample::seriesKey, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void shouldEmitServiceAnomalyWithMetricExplanationWhenSeriesSpikes() throws Exception {
    // Given: a steady CPU series
    for (int i = 0; i < 40; i++) {
      harness.processElement(cpu(i, 0.30 + 0.01 * (i % 3)), T0 + i * 15_000L);
    }
    assertThat(harness.extractOutputValues()).isEmpty();

    // When
    harness.processElement(cpu(40, 0.98), T0 + 40 * 15_000L);

    // Then
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.entityType()).isEqualTo("SERVICE");
              assertThat(a.entity()).isEqualTo("checkout");
              assertThat(a.score()).isGreaterThanOrEqualTo(50.0);
              assertThat(a.coldStart()).isFalse();
              assertThat(a.modelVersion()).isEqualTo(MetricAnomalyFunction.MODEL_VERSION);
              assertThat(a.features()).containsExactly("process.cpu.utilization");
              assertThat(a.above()).containsExactly(true);
              assertThat(a.windowEnd()).isGreaterThan(a.windowStart());
            });
  }

  @Test
  void shouldForgetSeriesWhenSilentForTtl() throws Exception {
    // Given
    harness.processElement(cpu(0, 0.3), T0);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

    // When
    harness.processWatermark(T0 + TTL.toMillis());

    // Then
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private static MetricSample cpu(int i, double value) {
    return new MetricSample("checkout", "process.cpu.utilization", T0 + i * 15_000L, value);
  }
}
