package io.vigil.cli;

import io.vigil.analytics.backtest.CsvFormatException;
import io.vigil.analytics.backtest.ForecastRunner;
import io.vigil.analytics.backtest.ForecastSummary;
import io.vigil.analytics.backtest.MalformedLinePolicy;
import io.vigil.analytics.forecast.LoadForecaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil forecast}: offline forecast of one series with the forecast job's model. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description =
        "Forecast a series (CSV timestamp,value) for the next N steps with 80 % and 95 %"
            + " intervals, using the forecast job's model (Holt-Winters when the history covers"
            + " two seasons, else Holt linear, and it says so).")
final class ForecastCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input CSV.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output CSV.")
  Path output;

  @Option(names = "--horizon", required = true, paramLabel = "N", description = "Steps ahead.")
  int horizon;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description = "Grid step, ISO-8601 (e.g. PT1M); inferred from the data when absent.")
  Duration step;

  @Option(
      names = "--season",
      paramLabel = "STEPS",
      defaultValue = "-1",
      description = "Season length in steps; 0 = none; default: one day when the step divides it.")
  int season;

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
    if (horizon < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be >= 1");
    }
    if (!Files.isReadable(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --input " + input);
    }
    ForecastRunner runner = new ForecastRunner(new LoadForecaster(), onMalformed);
    ForecastSummary summary;
    try (Progress progress = new Progress("forecast", Files.size(input), quiet)) {
      summary =
          runner.run(input, output, horizon, season, step == null ? 0 : step.toMillis(), progress);
    } catch (CsvFormatException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("vigil forecast: " + e.getMessage());
      return 1;
    }
    spec.commandLine()
        .getOut()
        .printf(
            "forecast %d steps of %d ms from %d rows into %s: %s%s%n",
            horizon,
            summary.stepMillis(),
            summary.rows(),
            output,
            summary.forecast().method(),
            summary.forecast().note().isEmpty() ? "" : " (" + summary.forecast().note() + ")");
    return 0;
  }
}
