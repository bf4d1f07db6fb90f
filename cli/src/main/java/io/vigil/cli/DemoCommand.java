package io.vigil.cli;

import io.vigil.demo.Demo;
import io.vigil.demo.DemoOptions;
import io.vigil.simulator.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo}: the whole pipeline in one process on embedded defaults, labelled traffic with
 * scripted attacks and a surge, a live console and a final report (console, Markdown, JSON). Exit
 * code 0 when the run is healthy, 1 with the reasons printed when it is not, 2 when it could not
 * run.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole pipeline in one process (embedded Kafka, registry and PostgreSQL; CDC relay"
            + " + sample order service; order sagas + REST; ingest gateway; Flink jobs on a local"
            + " cluster; firewall and scaling responders with the log actuator) driven by the"
            + " simulator, then report sagas, time-to-detect/mitigate per attack, precision/recall"
            + " and scaling. Exit code 0 when healthy.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--duration",
      defaultValue = "90s",
      description = "Traffic to simulate in real time, e.g. 90s, 3m. Default: ${DEFAULT-VALUE}.")
  String duration;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Scenario JSON (simulator/README.md). Default: the built-in demo script.")
  Path scenario;

  @Option(names = "--seed", defaultValue = "7", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--no-attacks", description = "Drop the scenario's attacks (surges stay).")
  boolean noAttacks;

  @Option(
      names = "--rest-port",
      defaultValue = "8090",
      description = "Order saga REST API port (0 = free). Default: ${DEFAULT-VALUE}.")
  int restPort;

  @Option(
      names = "--flink-ui-port",
      defaultValue = "8082",
      description = "Flink web UI / REST port (0 = free). Default: ${DEFAULT-VALUE}.")
  int flinkUiPort;

  @Option(
      names = {"--gateway-port", "--otlp-port"},
      defaultValue = "4318",
      description =
          "Ingest gateway port, JSON and OTLP/HTTP on the same port (0 = free)."
              + " Default: ${DEFAULT-VALUE}.")
  int gatewayPort;

  @CommandLine.Mixin StackPorts ports;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = "vigil-demo-report",
      description = "Where the Markdown and JSON reports go. Default: ${DEFAULT-VALUE}.")
  Path reportDir;

  @Option(
      names = "--refresh",
      defaultValue = "5s",
      description = "Live console period. Default: ${DEFAULT-VALUE}.")
  String refresh;

  @Option(
      names = "--training-data",
      defaultValue = "8m",
      description =
          "Simulated traffic the model is trained on at start. Default: ${DEFAULT-VALUE}.")
  String trainingData;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = "Flink job jar (default: the built flink-jobs jar).")
  Path jar;

  @Override
  public Integer call() {
    DemoOptions options;
    try {
      options =
          new DemoOptions(
              parse("--duration", duration),
              scenario,
              seed,
              noAttacks,
              restPort,
              flinkUiPort,
              gatewayPort,
              ports.kafka,
              ports.registry,
              ports.postgres,
              reportDir,
              parse("--refresh", refresh),
              parse("--training-data", trainingData),
              jar);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Path log = reportDir.resolve("vigil-demo.log");
    try {
      logTo(log);
    } catch (IOException | RuntimeException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--report-dir: cannot write " + log + ": " + e.getMessage());
    }
    out.println("component logs: " + log);
    return new Demo(options, out).run();
  }

  /**
   * Sends every log record to {@code file} instead of stderr, so that the console shows the live
   * view and the report, not the interleaved warnings of a dozen components.
   */
  private static void logTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    FileAppender appender =
        FileAppender.newBuilder()
            .setName("demo-file")
            .withFileName(file.toString())
            .withAppend(false)
            .setLayout(
                PatternLayout.newBuilder()
                    .withPattern("%d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n")
                    .build())
            .setConfiguration(config)
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    for (String name : List.copyOf(root.getAppenders().keySet())) {
      root.removeAppender(name);
    }
    root.addAppender(appender, null, null);
    context.updateLoggers();
  }

  private Duration parse(String option, String value) {
    try {
      return Durations.parse(value);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + ": not a duration: " + value);
    }
  }
}
