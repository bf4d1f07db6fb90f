package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.Durations;
import io.vigil.simulator.Pacing;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.sink.FileSink;
import io.vigil.simulator.sink.KafkaSink;
import io.vigil.simulator.sink.SimulatorTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil simulate}: labelled telemetry of a microservice estate (normal traffic, orders,
 * attacks, load surges) to files for training and offline scoring, or to Kafka for live runs.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Generate deterministic, labelled traffic of a ~10-service estate (spans, request logs,"
            + " metrics, orders) with scripted attacks, to files (--out) and/or Kafka (--kafka).")
final class SimulateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--seed", defaultValue = "7", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--start",
      defaultValue = "now",
      description = "Virtual start: ISO-8601 instant or `now`. Default: ${DEFAULT-VALUE}.")
  String start;

  @Option(
      names = "--duration",
      defaultValue = "90s",
      description = "Virtual duration, e.g. 90s, 1h30m, PT2M. Default: ${DEFAULT-VALUE}.")
  String duration;

  @Option(
      names = "--scenario",
      defaultValue = "demo",
      description = "Scenario JSON file, `demo` (built in) or `none`. Default: ${DEFAULT-VALUE}.")
  String scenario;

  @Option(names = "--no-attacks", description = "Drop the scenario's attacks (keep surges).")
  boolean noAttacks;

  @Option(names = "--order-rate", defaultValue = "0.5", description = "Orders per second.")
  double orderRate;

  @Option(
      names = "--pacing",
      defaultValue = "fast",
      description = "`fast` (as fast as possible) or `realtime`. Default: ${DEFAULT-VALUE}.")
  String pacing;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "Virtual seconds per second (realtime).")
  double speed;

  @Option(names = "--out", paramLabel = "DIR", description = "Write JSON Lines + labels here.")
  Path out;

  @Option(names = "--kafka", description = "Produce to the catalog topics (Avro via the registry).")
  boolean kafka;

  @Option(names = "--print-plan", description = "Print the attack and surge plan and exit.")
  boolean printPlan;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Simulator.Builder builder =
        Simulator.builder()
            .seed(seed)
            .start("now".equals(start) ? Instant.now() : Instant.parse(start))
            .duration(Durations.parse(duration))
            .scenario(scenario())
            .orderRate(orderRate)
            .pacing("realtime".equals(pacing) ? Pacing.REALTIME : Pacing.AS_FAST_AS_POSSIBLE)
            .speed(speed);
    if (noAttacks) {
      builder.noAttacks();
    }
    Simulator simulator = builder.build();
    if (printPlan) {
      stdout.println(simulator.plan());
      return 0;
    }
    if (out == null && !kafka) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "say where records go: --out DIR and/or --kafka");
    }
    try (SimulationSink sink = sink()) {
      SimulationStats stats = simulator.run(sink);
      stdout.printf(
          "simulated %s of virtual time in %.1f s: %d spans, %d requests, %d metrics, %d orders,"
              + " %d labels, %d attacks, %d surges (%.0f records/s)%n",
          stats.virtualTime(),
          stats.wallTime().toMillis() / 1000.0,
          stats.spans(),
          stats.requests(),
          stats.metrics(),
          stats.orders(),
          stats.labels().size(),
          stats.attacks().size(),
          stats.surges().size(),
          stats.recordsPerSecond());
    }
    return 0;
  }

  private Scenario scenario() {
    return switch (scenario) {
      case "demo" -> Scenario.demo();
      case "none" -> Scenario.none();
      default -> Scenario.load(Path.of(scenario));
    };
  }

  private SimulationSink sink() throws Exception {
    SimulationSink files = out == null ? null : FileSink.open(out);
    if (!kafka) {
      return files;
    }
    VigilConfig config = options.load();
    SimulatorTopics topics = SimulatorTopics.from(TopicCatalog.from(config));
    try (Admin admin = Admin.create(config.adminProps())) {
      topics.createMissing(admin);
    }
    KafkaSink toKafka = KafkaSink.create(config, topics);
    return files == null ? toKafka : SimulationSink.tee(files, toKafka);
  }
}
