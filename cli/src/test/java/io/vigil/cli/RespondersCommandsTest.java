package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class RespondersCommandsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "responders firewall | --config,--dry-run,--bootstrap-server,--registry,--http-port",
        "responders scaling  | --config,--dry-run,--bootstrap-server,--registry,--http-port",
        "actuators log        | --config,--dry-run,--bootstrap-server,--registry,--http-port",
        "actuators kubernetes | --config,--dry-run,--bootstrap-server,--registry,--http-port",
        "actuators nftables   | --config,--dry-run,--bootstrap-server,--registry,--http-port",
        "decisions list       | --config,--bootstrap-server,--registry",
        "decisions add        | --ip,--range,--principal,--service,--edge,--type,--rate,--duration,"
            + "--reason,--by,--wait",
        "decisions delete     | --ip,--range,--principal,--service,--edge,--reason,--by,--wait"
      })
  void shouldListEveryOptionWhenAskedForHelp(String command, String options) {
    // Given the command and --help
    String[] words = (command.trim() + " --help").split("\\s+");

    // When it runs
    Run run = run(words);

    // Then it prints its usage with every option
    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("Usage: vigil " + command.trim());
    assertThat(run.out).contains(options.split(","));
  }

  @Test
  void shouldListTheNewCommandsWhenVigilHelpIsRun() {
    Run run = run("--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("responders", "actuators", "decisions");
  }

  @Test
  void shouldRejectAddWithExitCode2WhenNoScopeFlagIsGiven() {
    // Given an add without --ip/--range/--principal/--service/--edge
    // When it runs
    Run run = run("decisions", "add", "--duration", "1h", "--reason", "test");

    // Then it is a usage error naming the scope flags, before any broker is contacted
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err)
        .contains("Missing required argument")
        .contains("--ip", "--range", "--principal", "--service", "--edge");
  }

  @Test
  void shouldRejectAddWithExitCode2WhenTwoScopeFlagsAreGiven() {
    Run run =
        run(
            "decisions",
            "add",
            "--ip",
            "203.0.113.9",
            "--service",
            "cart",
            "--duration",
            "1h",
            "--reason",
            "test");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("mutually exclusive");
  }

  @Test
  void shouldRejectAddWithExitCode2WhenTheTypeDoesNotFitTheScope() {
    Run run =
        run(
            "decisions",
            "add",
            "--service",
            "cart",
            "--type",
            "block",
            "--duration",
            "1h",
            "--reason",
            "test");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--type block cannot target service");
  }

  @Test
  void shouldRejectAddWithExitCode2WhenRateLimitHasNoRate() {
    Run run =
        run(
            "decisions",
            "add",
            "--ip",
            "203.0.113.9",
            "--type",
            "rate_limit",
            "--duration",
            "1h",
            "--reason",
            "test");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--type rate_limit needs --rate");
  }

  @Test
  void shouldRejectAddWithExitCode2WhenTheDurationIsMalformed() {
    Run run =
        run("decisions", "add", "--ip", "203.0.113.9", "--duration", "soon", "--reason", "test");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("Invalid --duration", "15m");
  }

  @Test
  void shouldPickTheDefaultTypePerScopeWhenNoTypeIsGiven() {
    assertThat(addType("--ip", "203.0.113.9")).isEqualTo(DecisionsCommand.DecisionType.BLOCK);
    assertThat(addType("--range", "198.51.100.0/24"))
        .isEqualTo(DecisionsCommand.DecisionType.BLOCK);
    assertThat(addType("--principal", "alice"))
        .isEqualTo(DecisionsCommand.DecisionType.REVOKE_TOKEN);
    assertThat(addType("--service", "cart")).isEqualTo(DecisionsCommand.DecisionType.ISOLATE);
    assertThat(addType("--edge", "cart->payments"))
        .isEqualTo(DecisionsCommand.DecisionType.ISOLATE);
    assertThat(addType("--ip", "203.0.113.9", "--rate", "5"))
        .isEqualTo(DecisionsCommand.DecisionType.RATE_LIMIT);
  }

  @Test
  void shouldMapFlagsToOverridesWhenAResponderIsConfigured() {
    CommandLine.ParseResult parsed =
        VigilCli.commandLine()
            .parseArgs(
                "responders",
                "firewall",
                "--dry-run",
                "-b",
                "k:9092",
                "-r",
                "http://r",
                "--http-port",
                "0");
    ResponderCommand.Firewall firewall =
        (ResponderCommand.Firewall) parsed.subcommand().subcommand().commandSpec().userObject();

    assertThat(firewall.overrides())
        .containsEntry("vigil.firewall.dry-run", "true")
        .containsEntry("vigil.responders.firewall.http.port", "0")
        .containsEntry("vigil.kafka.bootstrap.servers", "k:9092")
        .containsEntry("vigil.schema.registry.url", "http://r");

    CommandLine.ParseResult scaling =
        VigilCli.commandLine().parseArgs("responders", "scaling", "--dry-run");
    assertThat(
            ((ResponderCommand.Scaling)
                    scaling.subcommand().subcommand().commandSpec().userObject())
                .overrides())
        .containsEntry("vigil.responders.scaling.dry.run", "true");
  }

  @Test
  void shouldReportEveryProblemWithExitCode1WhenTheConfigIsInvalid() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("firewall", ".properties");
    java.nio.file.Files.writeString(
        file,
        "vigil.firewall.max-new-decisions-per-minut=5\nvigil.responders.firewall.http.port=x\n");

    Run run = run("responders", "firewall", "--config", file.toString());

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .contains(
            "vigil.firewall.max-new-decisions-per-minut", "vigil.responders.firewall.http.port");
  }

  private static DecisionsCommand.DecisionType addType(String... target) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("decisions", "add"));
    args.addAll(java.util.List.of(target));
    args.addAll(java.util.List.of("--duration", "1h", "--reason", "r"));
    CommandLine.ParseResult parsed = VigilCli.commandLine().parseArgs(args.toArray(String[]::new));
    DecisionsCommand.Add add =
        (DecisionsCommand.Add) parsed.subcommand().subcommand().commandSpec().userObject();
    return add.type(add.target.scope());
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
