package io.vigil.cli;

import io.vigil.analytics.ModelRef;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.config.VigilConfig;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil train}: a versioned model bundle (isolation forests + threat random forest) from
 * recorded simulator files, written to a directory and optionally announced on {@code
 * analytics.models} for the running anomaly job to hot-swap.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the anomaly job's models on simulator files (`vigil simulate --out DIR`): the job's"
            + " feature windows labelled by the run's ground truth. Writes"
            + " <out>/<model>-<version>.bin; --publish announces it on analytics.models.")
final class TrainCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      required = true,
      description = "Simulator output directory (telemetry.*.jsonl + labels.jsonl).")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "models",
      description = "Where the bundle is written. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--model-name",
      defaultValue = ModelTrainingPipeline.DEFAULT_MODEL_NAME,
      description = "Model name (the key on analytics.models). Default: ${DEFAULT-VALUE}.")
  String modelName;

  @Option(
      names = "--version",
      description = "Model version. Default: <yyyyMMdd-HHmmss>-<data fingerprint>.")
  String version;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Training seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--window",
      defaultValue = "10s",
      description = "Window length; must match the job's. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(
      names = "--edge-warm-up",
      defaultValue = "10m",
      description =
          "Normal windows flagged new-edge in this time from the recording's start are not"
              + " trained on (every edge is new at first). Default: ${DEFAULT-VALUE}.")
  String edgeWarmUp;

  @Option(
      names = "--publish",
      description = "Publish a ModelRef (file: URI + SHA-256 of the bundle) to analytics.models.")
  boolean publish;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Duration windowLength = Durations.parse(window);
    if (windowLength.isZero() || windowLength.isNegative()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--window must be positive: " + window);
    }
    ModelTrainingPipeline.Request request;
    try {
      request =
          new ModelTrainingPipeline.Request(
              input,
              out,
              modelName,
              version,
              windowLength,
              Durations.parse(edgeWarmUp),
              TrainerConfig.defaults(seed));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ModelTrainingPipeline.Summary summary = ModelTrainingPipeline.train(request);
    stdout.println(summary);
    if (publish) {
      VigilConfig config = options.load();
      ModelRef ref = ModelTrainingPipeline.modelRef(summary, Instant.now());
      RecordMetadata md =
          ModelTrainingPipeline.publish(config, TopicCatalog.from(config).models(), ref);
      stdout.printf(
          "published %s@%s to %s-%d@%d%n",
          ref.getName(), ref.getVersion(), md.topic(), md.partition(), md.offset());
    }
    return 0;
  }
}
