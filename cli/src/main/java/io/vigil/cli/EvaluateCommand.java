package io.vigil.cli;

import io.vigil.analytics.model.TrainerConfig;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.features.eval.ForecastEvaluation;
import io.vigil.features.eval.QualityEvaluation;
import io.vigil.features.eval.QualityReport;
import io.vigil.simulator.Durations;
import io.vigil.simulator.RandomAttacks;
import io.vigil.simulator.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil evaluate}: the Quality acceptance run. Trains the anomaly job's models on simulator
 * runs of the training seeds, scores runs of other seeds exactly as the job does, and prints
 * window-level precision / recall / F1 / time-to-detect per class and overall next to a static rule
 * baseline, plus the forecast backtest (MASE); writes {@code quality.md} and {@code quality.json}
 * to {@code --out}. Exits 0 when the evaluation ran, whether or not targets are met (each target
 * line says met or missed); non-zero only for errors.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Measure detection quality (window-level precision/recall/F1, time to detect, per class,"
            + " vs a static-threshold rule baseline) on simulator runs of seeds not used for"
            + " training, and forecast MASE vs seasonal naive. Prints Markdown; writes"
            + " quality.md + quality.json to --out.")
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--train-seeds",
      split = ",",
      defaultValue = "1,2,3,4,5,6",
      description = "Simulator seeds of the training runs. Default: ${DEFAULT-VALUE}.")
  List<Long> trainSeeds;

  @Option(
      names = "--eval-seeds",
      split = ",",
      defaultValue = "101,102,103",
      description =
          "Simulator seeds of the evaluation runs (must differ from the training seeds)."
              + " Default: ${DEFAULT-VALUE}.")
  List<Long> evalSeeds;

  @Option(
      names = "--duration",
      defaultValue = "2h",
      description = "Virtual duration of each run. Default: ${DEFAULT-VALUE}.")
  String duration;

  @Option(
      names = "--window",
      defaultValue = "10s",
      description = "Window length (the job's). Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(
      names = "--attacks-per-hour",
      defaultValue = "10",
      description = "Mean attacks per hour of the random mix. Default: ${DEFAULT-VALUE}.")
  double attacksPerHour;

  @Option(
      names = "--slow-and-low-share",
      defaultValue = "0.5",
      description = "Share of slow-and-low variants. Default: ${DEFAULT-VALUE}.")
  double slowAndLowShare;

  @Option(
      names = "--min-score",
      defaultValue = "50",
      description = "Alert threshold, the anomaly job's min-score. Default: ${DEFAULT-VALUE}.")
  double minScore;

  @Option(
      names = "--warm-up",
      defaultValue = "10m",
      description =
          "Start of each run without attacks that primes edge histories: not counted, and its"
              + " new-edge normal windows not trained on. Default: ${DEFAULT-VALUE}.")
  String warmUp;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Training seed (as vigil train). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--trees",
      description = "Trees per forest (isolation and random forests). Default: the trainer's.")
  Integer trees;

  @Option(
      names = "--forecast-days",
      defaultValue = "3d",
      description =
          "Virtual time of normal traffic for the forecast backtest (≥ 2 seasons + horizon); 0"
              + " skips it. Default: ${DEFAULT-VALUE}.")
  String forecastDays;

  @Option(
      names = "--forecast-step",
      defaultValue = "1m",
      description = "Forecast step (the job's step-ms). Default: ${DEFAULT-VALUE}.")
  String forecastStep;

  @Option(
      names = "--forecast-season",
      defaultValue = "1d",
      description = "Season (the simulator's daily cycle). Default: ${DEFAULT-VALUE}.")
  String forecastSeason;

  @Option(
      names = "--forecast-horizon",
      defaultValue = "15",
      description =
          "Steps forecast from each origin (the job's horizon). Default: ${DEFAULT-VALUE}.")
  int forecastHorizon;

  @Option(
      names = "--forecast-every",
      defaultValue = "15m",
      description = "Distance between forecast origins. Default: ${DEFAULT-VALUE}.")
  String forecastEvery;

  @Option(
      names = "--forecast-seed",
      description = "Simulator seed of the forecast run. Default: the first evaluation seed.")
  Long forecastSeed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/eval",
      description =
          "Where quality.md, quality.json and the trained bundle go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    QualityEvaluation.Settings settings;
    try {
      TrainerConfig trainer = TrainerConfig.defaults(seed);
      if (trees != null) {
        trainer = trainer.withTrees(trees, trees);
      }
      Duration length = Durations.parse(duration);
      Duration days =
          "0".equals(forecastDays.trim()) ? Duration.ZERO : Durations.parse(forecastDays);
      ForecastEvaluation.Settings forecast =
          days.isZero()
              ? null
              : new ForecastEvaluation.Settings(
                  forecastSeed != null ? forecastSeed : evalSeeds.get(0),
                  Simulator.DEFAULT_START,
                  days,
                  Durations.parse(forecastStep),
                  Durations.parse(forecastSeason),
                  forecastHorizon,
                  Durations.parse(forecastEvery));
      RandomAttacks defaults = RandomAttacks.defaults();
      settings =
          new QualityEvaluation.Settings(
              trainSeeds,
              evalSeeds,
              length,
              Durations.parse(window),
              new RandomAttacks(
                  attacksPerHour,
                  slowAndLowShare,
                  defaults.minDuration(),
                  defaults.maxDuration(),
                  Durations.parse(warmUp)),
              trainer,
              minScore,
              Durations.parse(warmUp),
              forecast);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    long t0 = System.nanoTime();
    QualityEvaluation.Result result =
        QualityEvaluation.run(
            settings,
            line -> {
              stderr.println(line);
              stderr.flush();
            });
    String markdown = QualityReport.markdown(result);
    Files.createDirectories(out);
    Files.writeString(out.resolve("quality.md"), markdown, StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("quality.json"), QualityReport.json(result), StandardCharsets.UTF_8);
    Path bundle =
        out.resolve(
            ModelTrainingPipeline.DEFAULT_MODEL_NAME + "-" + result.modelVersion() + ".bin");
    Files.write(bundle, result.bundle().toBytes());
    stdout.print(markdown);
    long met = QualityReport.targets(result).stream().filter(QualityReport.Target::met).count();
    stdout.printf(
        "%ntargets met: %d of %d; wrote %s, %s and %s in %.0f s (%s)%n",
        met,
        QualityReport.targets(result).size(),
        out.resolve("quality.md"),
        out.resolve("quality.json"),
        bundle,
        (System.nanoTime() - t0) / 1e9,
        Instant.now());
    return 0;
  }
}
