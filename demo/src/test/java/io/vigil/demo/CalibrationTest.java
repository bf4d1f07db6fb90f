package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulator.Estate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final Estate ESTATE = Estate.create(7, 600);

  @Test
  void shouldTargetHeadroomTimesTheMedianPerReplicaLoadWhenWholeWindowsAreCounted() {
    // Given catalog requests per 10 s window: a partial first and last window, a burst in between
    Map<Long, Integer> catalog = new HashMap<>();
    catalog.put(100L, 3);
    for (long w = 101; w <= 109; w++) {
      catalog.put(w, 60);
    }
    catalog.put(105L, 600);
    catalog.put(110L, 1);
    int replicas = ESTATE.service("catalog").orElseThrow().replicas();

    // When
    Map<String, Double> targets =
        Calibration.targets(Map.of("catalog", catalog), ESTATE, Duration.ofSeconds(10));

    // Then the median of the whole windows (6 req/s) per replica, times the headroom
    assertThat(targets.get("catalog"))
        .isCloseTo(
            Calibration.HEADROOM * 6.0 / replicas, org.assertj.core.data.Offset.offset(0.01));
    // and every service with routes at the gateway gets a target, at least 0.5
    assertThat(targets.keySet())
        .containsAll(ESTATE.apiRoutes().stream().map(Estate.Route::service).toList());
    assertThat(targets.values()).allMatch(t -> t >= 0.5);
  }

  @Test
  void shouldDrawAProgressBarProportionalToTheElapsedTime() {
    assertThat(LiveConsole.bar(0, 90, 10)).isEqualTo("[..........]");
    assertThat(LiveConsole.bar(45, 90, 10)).isEqualTo("[#####.....]");
    assertThat(LiveConsole.bar(120, 90, 10)).isEqualTo("[##########]");
  }
}
