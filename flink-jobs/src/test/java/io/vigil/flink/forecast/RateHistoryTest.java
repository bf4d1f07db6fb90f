package io.vigil.flink.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateHistoryTest {

  private static final long STEP = 60_000;

  @Test
  void shouldStartHistoryWhenFirstStepArrives() {
    assertThat(RateHistory.append(new double[0], null, 0, STEP, 5.0, 10)).containsExactly(5.0);
  }

  @Test
  void shouldAppendNextStepWhenStepsAreConsecutive() {
    assertThat(RateHistory.append(new double[] {1, 2}, STEP, 2 * STEP, STEP, 3, 10))
        .containsExactly(1, 2, 3);
  }

  @Test
  void shouldFillSilentStepsWithZeroWhenStepsAreSkipped() {
    assertThat(RateHistory.append(new double[] {1, 2}, STEP, 4 * STEP, STEP, 7, 10))
        .containsExactly(1, 2, 0, 0, 7);
  }

  @Test
  void shouldDropOldestStepsWhenCapacityIsExceeded() {
    assertThat(RateHistory.append(new double[] {1, 2, 3}, 2 * STEP, 4 * STEP, STEP, 9, 4))
        .containsExactly(2, 3, 0, 9);
  }

  @Test
  void shouldKeepOnlyZerosAndNewStepWhenGapIsLongerThanCapacity() {
    assertThat(RateHistory.append(new double[] {1, 2, 3}, 0L, 100 * STEP, STEP, 9, 3))
        .containsExactly(0, 0, 9);
  }

  @Test
  void shouldAddToKnownStepWhenLateCorrectionArrives() {
    assertThat(RateHistory.append(new double[] {1, 2, 3}, 2 * STEP, STEP, STEP, 0.5, 10))
        .containsExactly(1, 2.5, 3);
  }

  @Test
  void shouldIgnoreCorrectionWhenStepFellOutOfHistory() {
    assertThat(RateHistory.append(new double[] {1, 2}, 10 * STEP, 0, STEP, 4, 10))
        .containsExactly(1, 2);
  }
}
