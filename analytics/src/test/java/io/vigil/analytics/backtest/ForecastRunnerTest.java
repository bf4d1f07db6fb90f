package io.vigil.analytics.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastRunnerTest {

  @Test
  void shouldForecastFromIrregularCsvWhenStepAndSeasonAreInferred() {
    // Given 3 days of 1-hour points, out of order in places, one missing hour, daily pattern
    StringBuilder csv = new StringBuilder("timestamp,requests\n");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int h = 0; h < 72; h++) {
      if (h == 30) {
        continue; // gap: carried forward
      }
      int hour = h == 40 ? 41 : h == 41 ? 40 : h; // two rows swapped
      double value = 100 + 50 * Math.sin(2 * Math.PI * hour / 24.0);
      csv.append(t0.plusSeconds(3600L * hour)).append(',').append(value).append('\n');
    }
    StringWriter out = new StringWriter();

    ForecastSummary s =
        new ForecastRunner()
            .run(
                new StringReader(csv.toString()),
                out,
                -1,
                6,
                ForecastRunner.AUTO_SEASON,
                0,
                ProgressListener.NONE);

    assertThat(s.rows()).isEqualTo(71);
    assertThat(s.stepMillis()).isEqualTo(3_600_000L);
    assertThat(s.seasonPeriod()).isEqualTo(24);
    assertThat(s.historySteps()).isEqualTo(72);
    assertThat(s.forecast().seasonal()).isTrue();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo(ForecastRunner.OUTPUT_HEADER);
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).startsWith("1,2026-01-04T00:00:00Z,");
    double firstMean = Double.parseDouble(lines.get(1).split(",")[2]);
    assertThat(firstMean).isCloseTo(100.0, within(5.0));
    double sixthMean = Double.parseDouble(lines.get(6).split(",")[2]);
    assertThat(sixthMean).isCloseTo(100 + 50 * Math.sin(2 * Math.PI * 5 / 24.0), within(5.0));
  }

  @Test
  void shouldSayHistoryIsTooShortWhenLessThanTwoSeasons() {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      csv.append(1000L * i).append(',').append(i).append('\n');
    }
    StringWriter out = new StringWriter();

    ForecastSummary s =
        new ForecastRunner()
            .run(new StringReader(csv.toString()), out, -1, 2, 8, 0, ProgressListener.NONE);

    assertThat(s.forecast().seasonal()).isFalse();
    assertThat(s.forecast().note()).isEqualTo("history too short for seasonal model: 10 < 2×8");
    assertThat(out.toString().lines().skip(1).findFirst().orElseThrow()).startsWith("1,10000,");
  }
}
