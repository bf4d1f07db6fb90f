package io.vigil.cli;

import io.vigil.analytics.backtest.CsvFormatException;
import io.vigil.analytics.backtest.MalformedLinePolicy;
import io.vigil.analytics.backtest.ScoreRunner;
import io.vigil.analytics.backtest.ScoreSummary;
import io.vigil.analytics.univariate.UnivariateDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil score}: offline, causal anomaly scoring of one metric series with the same
 * univariate detector the anomaly job runs.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "Score a univariate series (CSV timestamp,value) point by point, causally, with the"
            + " anomaly job's univariate detector. Writes timestamp,value,anomaly_score (score in"
            + " [0,1]): one row per input row, in input order.")
final class ScoreCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input CSV.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output CSV.")
  Path output;

  @Option(
      names = "--on-malformed",
      defaultValue = "FAIL",
      description =
          "FAIL (stop, naming the line) or SKIP (drop and count). Default: ${DEFAULT-VALUE}.")
  MalformedLinePolicy onMalformed;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --input " + input);
    }
    ScoreRunner runner = new ScoreRunner(UnivariateDetector.Config.defaults(), onMalformed, 10_000);
    ScoreSummary summary;
    try (Progress progress = new Progress("score", Files.size(input), quiet)) {
      summary = runner.run(input, output, progress);
    } catch (CsvFormatException e) {
      spec.commandLine().getErr().println("vigil score: " + e.getMessage());
      return 1;
    }
    spec.commandLine()
        .getOut()
        .printf(
            "scored %d rows into %s (max score %.3f, %d non-finite, %d non-increasing"
                + " timestamps, %d malformed skipped)%n",
            summary.rows(),
            output,
            summary.maxScore(),
            summary.nonFinite(),
            summary.timestampsNotIncreasing(),
            summary.skippedMalformed());
    return 0;
  }
}
