package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.devstack.StackEndpoints;
import io.vigil.responders.RunningComponent;
import io.vigil.testkit.VigilStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@VigilStack
class DecisionsCommandIT {

  @Test
  void shouldApplyAndListAnOperatorDecisionAndReportAVetoWhenTheTargetIsAllowListed(
      StackEndpoints stack) {
    String[] cluster = {"-b", stack.bootstrapServers(), "-r", stack.schemaRegistryUrl()};

    // Given the catalog topics, and the firewall responder started as `vigil responders firewall`
    // starts it (default allow-list: 127.0.0.0/8 and ::1/128)
    assertThat(run(args(List.of("topics", "create"), cluster)).exitCode).isZero();
    CommandLine.ParseResult parsed =
        VigilCli.commandLine()
            .parseArgs(args(List.of("responders", "firewall", "--http-port", "0"), cluster));
    ResponderCommand.Firewall command =
        (ResponderCommand.Firewall) parsed.subcommand().subcommand().commandSpec().userObject();
    try (RunningComponent firewall = command.start()) {
      assertThat(firewall.httpPort()).isPositive();

      // When an operator blocks a documentation address for an hour
      Run added =
          run(
              args(
                  List.of(
                      "decisions",
                      "add",
                      "--ip",
                      "203.0.113.9",
                      "--duration",
                      "1h",
                      "--reason",
                      "test",
                      "--by",
                      "it",
                      "--wait",
                      "60s"),
                  cluster));

      // Then the responder applies it and it is listed as active, from the operator
      assertThat(added.exitCode).as(added.err).isZero();
      assertThat(added.out).startsWith("APPLIED");
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Run listed = run(args(List.of("decisions", "list"), cluster));
                assertThat(listed.exitCode).isZero();
                assertThat(listed.out)
                    .contains("ip:203.0.113.9", "block", "operator", "it", "true", "test");
              });

      // When an operator blocks an allow-listed address
      Run vetoed =
          run(
              args(
                  List.of(
                      "decisions",
                      "add",
                      "--ip",
                      "127.0.0.1",
                      "--duration",
                      "1h",
                      "--reason",
                      "test",
                      "--wait",
                      "60s"),
                  cluster));

      // Then the allow-list vetoes it, naming the rule, and the command fails
      assertThat(vetoed.exitCode).isNotZero();
      assertThat(vetoed.err).contains("VETOED", "127.0.0.0/8");
      assertThat(run(args(List.of("decisions", "list"), cluster)).out)
          .doesNotContain("ip:127.0.0.1");

      // And the responder is still healthy
      assertThat(firewall.failure()).isEmpty();
    }
  }

  private static String[] args(List<String> command, String[] cluster) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(cluster));
    return all.toArray(String[]::new);
  }

  private record Run(int exitCode, String out, String err) {}

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
