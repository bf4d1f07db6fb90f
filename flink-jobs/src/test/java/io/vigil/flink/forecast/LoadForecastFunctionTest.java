package io.vigil.flink.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadForecastFunctionTest {

  private static final long T0 = 1_767_225_600_000L;
  private static final long STEP = 60_000;
  private static final int SEASON = 4;
  private static final int HORIZON = 3;

  private KeyedOneInputStreamOperatorTestHarness<String, StepCount, ServiceForecast> harness;

  private void open(int capacity) throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new LoadForecastFunction(new SeasonalLoadForecaster(SEASON, HORIZON), capacity),
            StepCount::service,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void step(String service, int i, long count) throws Exception {
    harness.processElement(new StepCount(service, T0 + i * STEP, STEP, count), T0 + i * STEP);
  }

  @Test
  void shouldForecastNextStepsWithOrderedIntervalsWhenStepCompletes() throws Exception {
    // Given
    open(64);

    // When: 3 steps of 60, 120, 180 requests per minute (1, 2, 3 req/s)
    step("checkout", 0, 60);
    step("checkout", 1, 120);
    step("checkout", 2, 180);

    // Then
    List<ServiceForecast> out = harness.extractOutputValues();
    assertThat(out).hasSize(3);
    ServiceForecast last = out.get(2);
    assertThat(last.service()).isEqualTo("checkout");
    assertThat(last.generatedAt()).isEqualTo(T0 + 3 * STEP);
    assertThat(last.firstPointAt()).isEqualTo(T0 + 3 * STEP);
    assertThat(last.mean()).hasSize(HORIZON);
    for (int h = 0; h < HORIZON; h++) {
      assertThat(last.lower95()[h]).isLessThanOrEqualTo(last.lower80()[h]);
      assertThat(last.lower80()[h]).isLessThanOrEqualTo(last.mean()[h]);
      assertThat(last.mean()[h]).isLessThanOrEqualTo(last.upper80()[h]);
      assertThat(last.upper80()[h]).isLessThanOrEqualTo(last.upper95()[h]);
    }
  }

  @Test
  void shouldSayHistoryIsTooShortWhenFewerThanTwoSeasonsWereSeen() throws Exception {
    // Given
    open(64);

    // When
    for (int i = 0; i < SEASON; i++) {
      step("checkout", i, 60);
    }

    // Then
    ServiceForecast f = harness.extractOutputValues().get(SEASON - 1);
    assertThat(f.seasonal()).isFalse();
    assertThat(f.note()).contains("too short");
  }

  @Test
  void shouldFitSeasonalModelWhenHistoryCoversTwoSeasons() throws Exception {
    // Given
    open(64);
    long[] pattern = {60, 120, 240, 120};

    // When: three seasons
    for (int i = 0; i < 3 * SEASON; i++) {
      step("checkout", i, pattern[i % SEASON]);
    }

    // Then
    ServiceForecast f = harness.extractOutputValues().get(3 * SEASON - 1);
    assertThat(f.seasonal()).isTrue();
    assertThat(f.note()).isNull();
    assertThat(f.mean()[1]).isGreaterThan(f.mean()[0]);
  }

  @Test
  void shouldKeepOneBoundedHistoryPerServiceWhenManyStepsArrive() throws Exception {
    // Given
    open(8);

    // When
    for (int i = 0; i < 50; i++) {
      step("checkout", i, 60);
      step("payments", i, 30);
    }

    // Then: two history entries and two last-step entries, no timers
    assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).hasSize(100);
  }

  @Test
  void shouldNotForecastAgainWhenLateCorrectionOfOldStepArrives() throws Exception {
    // Given
    open(64);
    step("checkout", 0, 60);
    step("checkout", 1, 60);

    // When
    step("checkout", 0, 6);

    // Then
    assertThat(harness.extractOutputValues()).hasSize(2);
  }
}
