package io.vigil.analytics.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreRunnerTest {

  @TempDir Path dir;

  @Test
  void shouldWriteOneRowPerInputRowInInputOrderWhenFileHasRepeatsAndBackwardSteps()
      throws Exception {
    // Given a minute series with a header, blank lines, a repeated and a backward timestamp, a NaN
    // and one spike
    Random r = new Random(9);
    List<String> lines = new ArrayList<>();
    lines.add("timestamp,value");
    Instant t0 = Instant.parse("2026-03-29T00:00:00Z");
    List<String> expectedTimestamps = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant t = t0.plusSeconds(60L * i);
      if (i == 100) {
        t = t0.plusSeconds(60L * 99); // repeat
      }
      if (i == 150) {
        t = t0.plusSeconds(60L * 20); // clock stepped back
      }
      String value =
          i == 200
              ? "NaN"
              : i == 250
                  ? "400"
                  : String.format(java.util.Locale.ROOT, "%.3f", 100 + 2 * r.nextGaussian());
      lines.add(t + "," + value);
      expectedTimestamps.add(t.toString());
      if (i % 97 == 0) {
        lines.add("");
      }
    }
    Path in = dir.resolve("series.csv");
    Path out = dir.resolve("scores.csv");
    Files.write(in, lines, StandardCharsets.UTF_8);
    List<long[]> progress = new ArrayList<>();

    // When
    ScoreSummary summary =
        new ScoreRunner(
                io.vigil.analytics.univariate.UnivariateDetector.Config.defaults(),
                MalformedLinePolicy.FAIL,
                100)
            .run(in, out, (rows, read, total) -> progress.add(new long[] {rows, read, total}));

    // Then
    List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(written.get(0)).isEqualTo("timestamp,value,anomaly_score");
    assertThat(written).hasSize(301);
    assertThat(written.subList(1, 301))
        .extracting(l -> l.split(",")[0])
        .containsExactlyElementsOf(expectedTimestamps);
    for (String l : written.subList(1, 301)) {
      double score = Double.parseDouble(l.split(",")[2]);
      assertThat(score).isBetween(0.0, 1.0);
      assertThat(l.split(",")[2]).matches("[01]\\.\\d{6}");
    }
    assertThat(written.get(201)).isEqualTo(expectedTimestamps.get(200) + ",NaN,0.000000");
    assertThat(Double.parseDouble(written.get(251).split(",")[2])).isGreaterThan(0.99);
    assertThat(summary.rows()).isEqualTo(300);
    assertThat(summary.nonFinite()).isEqualTo(1);
    assertThat(summary.timestampsNotIncreasing()).isEqualTo(2);
    assertThat(summary.skippedMalformed()).isZero();
    assertThat(progress).hasSize(4); // rows 100, 200, 300 and the final call
    assertThat(progress.get(3)[0]).isEqualTo(300);
    assertThat(progress.get(3)[1]).isEqualTo(progress.get(3)[2]).isEqualTo(Files.size(in));
  }

  @Test
  void shouldFailWithLineNumberWhenLineIsMalformed() {
    String csv = "timestamp,value\n1000,1\n\n2000,abc\n";

    assertThatThrownBy(
            () ->
                new ScoreRunner()
                    .run(new StringReader(csv), new StringWriter(), -1, ProgressListener.NONE))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("line 4:")
        .hasMessageContaining("not a number: 'abc'")
        .satisfies(e -> assertThat(((CsvFormatException) e).lineNumber()).isEqualTo(4));
  }

  @Test
  void shouldSkipAndCountMalformedLinesWhenPolicyIsSkip() {
    String csv = "1000,1\n2000\nnot-a-time,3\n3000,2\n";
    StringWriter out = new StringWriter();

    ScoreSummary s =
        new ScoreRunner(
                io.vigil.analytics.univariate.UnivariateDetector.Config.defaults(),
                MalformedLinePolicy.SKIP,
                10)
            .run(new StringReader(csv), out, -1, ProgressListener.NONE);

    assertThat(s.rows()).isEqualTo(2);
    assertThat(s.skippedMalformed()).isEqualTo(2);
    assertThat(s.firstSkippedLine()).isEqualTo(2);
    assertThat(out.toString())
        .isEqualTo("timestamp,value,anomaly_score\n1000,1,0.000000\n3000,2,0.000000\n");
  }

  @Test
  void shouldFormatScoresWithSixDecimalsWhenAppending() {
    StringBuilder sb = new StringBuilder();
    ScoreRunner.appendFixed6(sb, 0.0000004);
    sb.append(' ');
    ScoreRunner.appendFixed6(sb, 0.25);
    sb.append(' ');
    ScoreRunner.appendFixed6(sb, 1.0);

    assertThat(sb).hasToString("0.000000 0.250000 1.000000");
  }
}
