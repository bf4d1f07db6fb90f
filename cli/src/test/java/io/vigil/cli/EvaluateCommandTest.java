package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command path of {@code vigil evaluate} on a deliberately tiny run (seconds, not a test of
 * quality).
 */
class EvaluateCommandTest {
  @TempDir Path dir;

  @Test
  void shouldPrintTablesAndWriteMarkdownAndJsonWhenRunOnShortSimulations() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code =
        cli.execute(
            "evaluate",
            "--train-seeds",
            "1",
            "--eval-seeds",
            "2",
            "--duration",
            "12m",
            "--warm-up",
            "2m",
            "--attacks-per-hour",
            "60",
            "--trees",
            "10",
            "--forecast-days",
            "50m",
            "--forecast-season",
            "20m",
            "--forecast-horizon",
            "5",
            "--forecast-every",
            "2m",
            "--out",
            dir.toString());

    assertThat(code).as(err.toString()).isZero();
    String printed = out.toString();
    assertThat(printed)
        .contains(
            "## Detection, window level",
            "| models (isolation forest + random forest) |",
            "| rules (static thresholds) |",
            "## Per class",
            "## Forecast",
            "## Targets",
            "overall F1 (detection) ≥ 0.95",
            "forecast MASE < 0.80")
        .containsPattern("\\| (met|\\*\\*missed\\*\\*) \\|");
    assertThat(printed).startsWith(Files.readString(dir.resolve("quality.md")));

    JsonNode json = new ObjectMapper().readTree(dir.resolve("quality.json").toFile());
    assertThat(json.at("/settings/trainSeeds/0").asLong()).isEqualTo(1);
    for (String detector : new String[] {"models", "rules"}) {
      JsonNode q = json.get(detector);
      // every counted window is TP, FP, FN or TN; attack windows are TP + FN
      long tp = q.at("/detection/tp").asLong();
      long fp = q.at("/detection/fp").asLong();
      long fn = q.at("/detection/fn").asLong();
      assertThat(tp + fp + fn + q.get("trueNegatives").asLong())
          .isEqualTo(q.get("windows").asLong());
      assertThat(tp + fn).isEqualTo(q.get("attackWindows").asLong()).isPositive();
      // both detectors judge the same windows
      assertThat(q.get("windows").asLong()).isEqualTo(json.at("/models/windows").asLong());
    }
    assertThat(json.at("/forecast/perService").size()).isPositive();
    assertThat(json.at("/forecast/mase").isNumber()).isTrue();
    assertThat(json.get("targets").size()).isGreaterThan(5);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("traffic-eval-train-1") && n.endsWith(".bin"));
    }
  }

  @Test
  void shouldRefuseWhenAnEvaluationSeedWasUsedForTraining() {
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("evaluate", "--train-seeds", "1,2", "--eval-seeds", "2,3");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("evaluation seeds must not be training seeds");
  }
}
