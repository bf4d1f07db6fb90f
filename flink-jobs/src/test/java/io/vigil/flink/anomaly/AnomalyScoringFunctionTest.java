package io.vigil.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.scoring.AnomalyScorer;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnomalyScoringFunctionTest extends TrafficTestBase {

  private static final Duration TTL = Duration.ofMinutes(5);
  private static ModelBundle v1;
  private static ModelBundle v2;

  private KeyedBroadcastOperatorTestHarness<String, FeatureVector, ModelArtifact, AnomalyEvent>
      harness;

  @BeforeAll
  static void trainModels() {
    v1 = trainBundle("test-v1");
    v2 = trainBundle("test-v2");
  }

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new AnomalyScoringFunction(0.0, TTL),
            v -> TrafficObservation.entityKey(v.entityType(), v.entity()),
            Types.STRING,
            AnomalyScoringFunction.MODELS);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void shouldScoreFromBaselineWithColdStartWhenNoModelArrivedYet() throws Exception {
    // Given: an entity with a warm baseline and no model
    for (int i = 0; i < 8; i++) {
      harness.processElement(normalWindow("checkout", i), T0 + i * WINDOW);
    }

    // When: a flood window arrives
    harness.processElement(floodWindow("checkout", 8), T0 + 8 * WINDOW);

    // Then
    List<AnomalyEvent> out = harness.extractOutputValues();
    assertThat(out).hasSize(9).allSatisfy(a -> assertThat(a.coldStart()).isTrue());
    AnomalyEvent flood = out.get(8);
    assertThat(flood.modelVersion()).isEqualTo(AnomalyScorer.BASELINE_MODEL_VERSION);
    assertThat(flood.threatClass()).isEqualTo("NONE");
    assertThat(flood.score()).isGreaterThan(50.0);
    assertThat(flood.features()).contains("request_rate");
    assertThat(flood.above()[List.of(flood.features()).indexOf("request_rate")]).isTrue();
  }

  @Test
  void shouldScoreWithModelAndCarryItsVersionWhenModelArrivesOnBroadcastSide() throws Exception {
    // Given: cold start first
    harness.processElement(normalWindow("checkout", 0), T0);
    assertThat(harness.extractOutputValues().get(0).coldStart()).isTrue();

    // When: v1 is published, then v2 (hot swap, no restart)
    harness.processBroadcastElement(inline(v1), T0 + WINDOW);
    harness.processElement(floodWindow("checkout", 1), T0 + WINDOW);
    harness.processBroadcastElement(inline(v2), T0 + 2 * WINDOW);
    harness.processElement(normalWindow("checkout", 2), T0 + 2 * WINDOW);

    // Then
    List<AnomalyEvent> out = harness.extractOutputValues();
    assertThat(out).hasSize(3);
    assertThat(out.get(1).coldStart()).isFalse();
    assertThat(out.get(1).modelVersion()).isEqualTo("test-v1");
    assertThat(out.get(1).threatClass()).isEqualTo("DDOS");
    assertThat(out.get(1).confidence()).isGreaterThan(0.5);
    assertThat(out.get(2).modelVersion()).isEqualTo("test-v2");
    assertThat(out.get(1).score()).isGreaterThan(out.get(2).score());
    assertThat(harness.getBroadcastState(AnomalyScoringFunction.MODELS).get("current").version())
        .isEqualTo("test-v2");
  }

  @Test
  void shouldKeepCurrentModelWhenPublishedModelIsUnreadable() throws Exception {
    // Given
    harness.processBroadcastElement(inline(v1), T0);

    // When: a corrupt artifact and a URI that does not exist are published
    harness.processBroadcastElement(
        new ModelArtifact("traffic", "broken", null, new byte[] {1, 2, 3}, null), T0);
    harness.processBroadcastElement(
        new ModelArtifact("traffic", "missing", "file:///nonexistent/model.bin", null, null), T0);
    harness.processElement(normalWindow("checkout", 0), T0);

    // Then
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(a -> assertThat(a.modelVersion()).isEqualTo("test-v1"));
  }

  @Test
  void shouldOnlyEmitWindowsAtOrAboveMinScoreWhenThresholdIsSet() throws Exception {
    // Given
    harness.close();
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new AnomalyScoringFunction(50.0, TTL),
            v -> TrafficObservation.entityKey(v.entityType(), v.entity()),
            Types.STRING,
            AnomalyScoringFunction.MODELS);
    harness.processBroadcastElement(inline(v1), T0);

    // When
    harness.processElement(normalWindow("checkout", 0), T0);
    harness.processElement(floodWindow("checkout", 1), T0 + WINDOW);

    // Then
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(a -> assertThat(a.windowStart()).isEqualTo(T0 + WINDOW));
  }

  @Test
  void shouldDropEntityStateAndTimerWhenEntityIsSilentForTtl() throws Exception {
    // Given: two entities with baselines
    harness.processElement(normalWindow("checkout", 0), T0);
    harness.processElement(normalWindow("payments", 0), T0);
    harness.processElement(normalWindow("checkout", 1), T0 + WINDOW);
    assertThat(keyedStateEntries()).isEqualTo(4);
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    // When: event time passes the TTL of both (the model side never holds time back)
    harness.processBroadcastWatermark(Long.MAX_VALUE);
    harness.processWatermark(T0 + 2 * WINDOW + TTL.toMillis());

    // Then
    assertThat(keyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldScoreWithRestoredModelAndBaselineWhenRestartedFromSnapshot() throws Exception {
    // Given: a model and a warm baseline, then a checkpoint
    harness.processBroadcastElement(inline(v1), T0);
    for (int i = 0; i < 6; i++) {
      harness.processElement(normalWindow("checkout", i), T0 + i * WINDOW);
    }
    OperatorSubtaskState snapshot = harness.snapshot(1L, T0 + 6 * WINDOW);
    harness.close();

    // When: a fresh operator instance restores it and scores the next window
    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new AnomalyScoringFunction(0.0, TTL), List.of(AnomalyScoringFunction.MODELS)),
            v -> TrafficObservation.entityKey(v.entityType(), v.entity()),
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    harness.processElement(normalWindow("checkout", 6), T0 + 6 * WINDOW);

    // Then
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.modelVersion()).isEqualTo("test-v1");
              assertThat(a.coldStart()).isFalse();
            });
    assertThat(keyedStateEntries()).isEqualTo(2);
  }

  private int keyedStateEntries() {
    AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
    return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
  }
}
