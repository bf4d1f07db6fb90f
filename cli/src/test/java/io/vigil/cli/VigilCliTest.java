package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VigilCliTest {

  @Test
  void shouldListEveryCommandWhenAskedForHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("stack", "topics", "config");
  }

  @Test
  void shouldRejectUnknownCommandWithUsageWhenMisspelled() {
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("stak");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("stak");
  }

  @Test
  void shouldPrintDocumentedDefaultsWhenConfigIsRun() {
    StringWriter out = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute("config");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("vigil.kafka.bootstrap.servers", "localhost:9092");
  }
}
