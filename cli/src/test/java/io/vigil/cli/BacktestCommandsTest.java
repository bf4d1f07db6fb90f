package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil score} and {@code vigil forecast} on real files. */
class BacktestCommandsTest {
  @TempDir Path dir;

  @Test
  void shouldWriteOneScoredRowPerInputRowInOrderWhenTimestampsRepeatOrStepBack()
      throws IOException {
    // Given a steady series with a spike, a repeated and a backward timestamp
    List<String> lines = new ArrayList<>(List.of("timestamp,value"));
    long t = 1_700_000_000_000L;
    for (int i = 0; i < 200; i++) {
      lines.add((t + i * 60_000L) + "," + (100 + (i % 5)));
    }
    lines.add((t + 199 * 60_000L) + ",101"); // repeated timestamp
    lines.add((t + 100 * 60_000L) + ",102"); // clock stepped back
    lines.add((t + 200 * 60_000L) + ",900"); // spike
    Path input = Files.write(dir.resolve("series.csv"), lines);
    Path output = dir.resolve("scores.csv");

    // When it is scored
    Run run = run("score", "--input", input.toString(), "--output", output.toString(), "-q");

    // Then every input row has exactly one output row, same order, scores in [0,1], spike high
    assertThat(run.code).isZero();
    List<String> out = Files.readAllLines(output);
    assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score");
    assertThat(out).hasSize(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      assertThat(out.get(i)).startsWith(lines.get(i) + ",");
    }
    double spike = score(out.get(out.size() - 1));
    double steady = score(out.get(150));
    assertThat(spike).isBetween(0.0, 1.0).isGreaterThan(0.9);
    assertThat(steady).isBetween(0.0, 1.0).isLessThan(spike);
    assertThat(run.out).contains("scored " + (lines.size() - 1) + " rows");
  }

  @Test
  void shouldFailNamingTheLineWhenInputIsMalformed() throws IOException {
    Path input = Files.write(dir.resolve("bad.csv"), List.of("timestamp,value", "1000,1", "x,y"));

    Run run =
        run(
            "score",
            "--input",
            input.toString(),
            "--output",
            dir.resolve("o.csv").toString(),
            "-q");

    assertThat(run.code).isEqualTo(1);
    assertThat(run.err).contains("line 3");
  }

  @Test
  void shouldForecastHorizonRowsWithOrderedIntervalsWhenGivenAHistory() throws IOException {
    // Given two days of a daily pattern at 1-hour steps
    List<String> lines = new ArrayList<>(List.of("timestamp,value"));
    long t = 1_700_000_000_000L;
    for (int i = 0; i < 72; i++) {
      lines.add((t + i * 3_600_000L) + "," + (100 + 30 * Math.sin(2 * Math.PI * i / 24.0)));
    }
    Path input = Files.write(dir.resolve("load.csv"), lines);
    Path output = dir.resolve("forecast.csv");

    // When forecasting 12 steps ahead
    Run run =
        run(
            "forecast",
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--horizon",
            "12",
            "-q");

    // Then 12 rows with lower95 <= lower80 <= forecast <= upper80 <= upper95
    assertThat(run.code).as(run.err).isZero();
    List<String> out = Files.readAllLines(output);
    assertThat(out).hasSize(13);
    for (String row : out.subList(1, out.size())) {
      String[] f = row.split(",");
      double mean = Double.parseDouble(f[2]);
      double lo80 = Double.parseDouble(f[3]);
      double hi80 = Double.parseDouble(f[4]);
      double lo95 = Double.parseDouble(f[5]);
      double hi95 = Double.parseDouble(f[6]);
      assertThat(lo95).isLessThanOrEqualTo(lo80);
      assertThat(lo80).isLessThanOrEqualTo(mean);
      assertThat(mean).isLessThanOrEqualTo(hi80);
      assertThat(hi80).isLessThanOrEqualTo(hi95);
    }
  }

  private static double score(String row) {
    String[] f = row.split(",");
    return Double.parseDouble(f[2]);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
