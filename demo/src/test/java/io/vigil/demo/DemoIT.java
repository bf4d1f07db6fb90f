package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.demo.report.ReportWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's acceptance: {@code vigil demo --duration 90s --seed 7} (what {@code DemoCommand} runs,
 * on free ports) ends healthy, and its JSON report says why: every saga terminal with the
 * invariants holding, every scripted attack detected within two windows and mitigated by a firewall
 * command, no firewall command against the allow-listed ranges, a scale-out during the scripted
 * surge.
 */
class DemoIT {

  @Test
  @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
  void shouldRunHealthyAndReportItWhenTheDemoRunsNinetySecondsWithSeedSeven(@TempDir Path dir)
      throws Exception {
    // Given the demo's defaults on free ports, 90 s and seed 7
    DemoOptions defaults = DemoOptions.defaults();
    DemoOptions options =
        new DemoOptions(
            Duration.ofSeconds(90),
            null,
            7,
            false,
            0,
            0,
            0,
            0,
            0,
            0,
            dir.resolve("report"),
            defaults.refresh(),
            defaults.trainingData(),
            null);
    StringWriter console = new StringWriter();
    PrintWriter out = new PrintWriter(new TeeWriter(console), true);

    // When it runs
    int exit = new Demo(options, out).run();

    // Then the JSON report holds the acceptance criteria
    Path json = dir.resolve("report").resolve(ReportWriter.JSON_FILE);
    assertThat(json).exists();
    assertThat(dir.resolve("report").resolve(ReportWriter.MARKDOWN_FILE)).exists();
    JsonNode report = ReportWriter.mapper().readTree(Files.readString(json));

    JsonNode sagas = report.path("sagas");
    assertThat(sagas.path("ordersPlaced").asInt()).as("orders placed").isPositive();
    assertThat(sagas.path("sagas").asInt()).isEqualTo(sagas.path("ordersPlaced").asInt());
    assertThat(sagas.path("violationCount").asInt()).as("saga invariant violations").isZero();
    int terminal =
        sagas.path("byStatus").path("COMPLETED").asInt()
            + sagas.path("byStatus").path("CANCELLED").asInt();
    assertThat(terminal).as("terminal sagas").isEqualTo(sagas.path("sagas").asInt());

    JsonNode attacks = report.path("attacks");
    assertThat(attacks.size()).as("scripted attacks").isEqualTo(5);
    for (JsonNode a : attacks) {
      String name = a.path("name").asText();
      assertThat(a.path("detected").asBoolean()).as("%s detected", name).isTrue();
      assertThat(a.path("timeToDetectWindows").asInt())
          .as("%s time to detect in windows", name)
          .isBetween(1, 2);
      assertThat(a.path("mitigated").asBoolean()).as("%s mitigated", name).isTrue();
      assertThat(a.path("timeToMitigateMs").asLong()).as("%s time to mitigate", name).isPositive();
    }

    assertThat(report.path("firewall").path("againstAllowList").asInt())
        .as("firewall commands against allow-listed ranges")
        .isZero();
    JsonNode surges = report.path("scaling").path("surges");
    assertThat(surges.size()).isEqualTo(1);
    assertThat(surges.get(0).path("scaleOutsDuring").asInt())
        .as("scale-outs during the surge")
        .isPositive();

    assertThat(report.path("verdict").path("healthy").asBoolean())
        .as("verdict: %s", report.path("verdict").path("reasons"))
        .isTrue();
    assertThat(exit).isZero();
    assertThat(console.toString())
        .contains("Flink web UI", "Order saga REST API", "Verdict: healthy");
  }

  /** Writes to the captured console and to standard out (the run is long: show it). */
  private static final class TeeWriter extends java.io.Writer {
    private final StringWriter captured;

    TeeWriter(StringWriter captured) {
      this.captured = captured;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      captured.write(buf, off, len);
      System.out.print(new String(buf, off, len));
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {}
  }
}
