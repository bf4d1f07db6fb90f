package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @TempDir Path dir;

  @Test
  void shouldWriteLabelledFilesWhenSimulatingTheDemoScenarioToADirectory() throws IOException {
    StringWriter out = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int code =
        cli.execute(
            "simulate",
            "--seed",
            "7",
            "--start",
            "2026-11-23T10:00:00Z",
            "--duration",
            "90s",
            "--out",
            dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("simulated PT1M30S");
    List<String> labels = Files.readAllLines(dir.resolve("labels.jsonl"));
    assertThat(labels).isNotEmpty();
    assertThat(String.join("\n", labels))
        .contains("DDOS", "CREDENTIAL_STUFFING", "SCRAPING", "LATERAL_MOVEMENT", "EXFILTRATION");
    assertThat(Files.size(dir.resolve("telemetry.requests.jsonl"))).isPositive();
  }

  @Test
  void shouldRefuseWhenNoDestinationIsGiven() {
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("simulate", "--duration", "10s");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--out DIR and/or --kafka");
  }
}
