package io.vigil.features.eval;

import io.vigil.analytics.eval.ForecastAccuracy;
import io.vigil.analytics.forecast.Forecast;
import io.vigil.analytics.forecast.LoadForecaster;
import io.vigil.orders.OrderEvent;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.Simulator;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Backtest of the forecast job's rule on the simulator's seasonal traffic: per service, the request
 * rate per step (access logs per step / step seconds, steps without requests are 0, as the job's
 * {@code RateHistory}); from rolling origins, analytics' {@link LoadForecaster} (clipped at 0, as
 * the job's {@code SeasonalLoadForecaster}) forecasts the next {@code horizon} steps from the last
 * {@code max(64, 3 × season)} steps (the job's default history), and the errors are scored with
 * {@link ForecastAccuracy#mase} against the seasonal-naive forecast's in-sample error on the
 * history before the first origin. The out-of-sample seasonal-naive forecast {@code y(t+h-m)} is
 * scored the same way for reference.
 */
public final class ForecastEvaluation {

  /**
   * What to backtest.
   *
   * @param seed simulator seed (normal traffic, no attacks)
   * @param start virtual start
   * @param days virtual days simulated
   * @param step series step
   * @param season season length (the simulator's daily cycle: 1 day)
   * @param horizon steps forecast from each origin
   * @param every distance between origins; origins start once two seasons are known
   */
  public record Settings(
      long seed,
      Instant start,
      Duration days,
      Duration step,
      Duration season,
      int horizon,
      Duration every) {
    public Settings {
      Objects.requireNonNull(start, "start");
      if (step.toMillis() <= 0 || season.toMillis() % step.toMillis() != 0) {
        throw new IllegalArgumentException("season must be a whole number of positive steps");
      }
      if (horizon < 1) {
        throw new IllegalArgumentException("horizon must be >= 1");
      }
      if (every.toMillis() < step.toMillis()) {
        throw new IllegalArgumentException("origins must be at least one step apart");
      }
      if (days.toMillis() < 2 * season.toMillis() + horizon * step.toMillis()) {
        throw new IllegalArgumentException(
            "simulate at least two seasons plus one horizon, was " + days);
      }
    }

    int seasonSteps() {
      return (int) (season.toMillis() / step.toMillis());
    }
  }

  /**
   * MASE of one service.
   *
   * @param origins forecast origins
   * @param mase the forecaster's MASE
   * @param seasonalNaiveMase the seasonal-naive forecast's MASE on the same points
   * @param meanRate mean request rate of the service, req/s
   */
  public record ServiceAccuracy(
      int origins, double mase, double seasonalNaiveMase, double meanRate) {}

  /**
   * The backtest's outcome.
   *
   * @param settings what was run
   * @param perService per service
   * @param mase mean MASE over services
   * @param seasonalNaiveMase mean seasonal-naive MASE over services
   * @param methods forecast method names used, with counts
   */
  public record ForecastQuality(
      Settings settings,
      Map<String, ServiceAccuracy> perService,
      double mase,
      double seasonalNaiveMase,
      Map<String, Integer> methods) {}

  private ForecastEvaluation() {}

  /** Simulates and backtests. */
  public static ForecastQuality run(Settings settings) {
    Map<String, double[]> series = simulate(settings);
    return backtest(series, settings);
  }

  /** Request rate per service per step of a simulator run without attacks. */
  public static Map<String, double[]> simulate(Settings settings) {
    long stepMs = settings.step().toMillis();
    int steps = (int) (settings.days().toMillis() / stepMs);
    long origin = settings.start().toEpochMilli();
    Map<String, double[]> counts = new TreeMap<>();
    SimulationSink sink =
        new SimulationSink() {
          @Override
          public void span(Span span) {}

          @Override
          public void request(RequestLog log) {
            int i = (int) Math.floorDiv(log.getOccurredAt().toEpochMilli() - origin, stepMs);
            if (i >= 0 && i < steps) {
              counts.computeIfAbsent(log.getService(), s -> new double[steps])[i]++;
            }
          }

          @Override
          public void metric(MetricPoint metric) {}

          @Override
          public void order(OrderEvent order) {}

          @Override
          public void label(GroundTruthLabel label) {}
        };
    Simulator.builder()
        .seed(settings.seed())
        .start(settings.start())
        .duration(settings.days())
        .scenario(Scenario.none())
        .build()
        .run(sink);
    double seconds = stepMs / 1000.0;
    Map<String, double[]> rates = new TreeMap<>();
    counts.forEach((s, c) -> rates.put(s, Arrays.stream(c).map(x -> x / seconds).toArray()));
    return rates;
  }

  /** Backtests the forecaster on {@code series} (rates per step, all the same length). */
  public static ForecastQuality backtest(Map<String, double[]> series, Settings settings) {
    int m = settings.seasonSteps();
    int h = settings.horizon();
    int capacity = Math.max(64, 3 * m);
    int every = (int) (settings.every().toMillis() / settings.step().toMillis());
    LoadForecaster forecaster = new LoadForecaster(true);
    Map<String, ServiceAccuracy> perService = new LinkedHashMap<>();
    Map<String, Integer> methods = new TreeMap<>();
    double maseSum = 0;
    double naiveSum = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] y = e.getValue();
      int first = 2 * m; // first origin: two seasons known (steps 0 .. 2m-1)
      int origins = 0;
      for (int t = first; t + h <= y.length; t += every) {
        origins++;
      }
      if (origins == 0) {
        continue;
      }
      double[] actual = new double[origins * h];
      double[] forecast = new double[origins * h];
      double[] naive = new double[origins * h];
      int k = 0;
      for (int t = first; t + h <= y.length; t += every) {
        double[] history = Arrays.copyOfRange(y, Math.max(0, t - capacity), t);
        Forecast f = forecaster.forecast(history, m, h);
        methods.merge(f.method(), 1, Integer::sum);
        for (int j = 0; j < h; j++) {
          actual[k] = y[t + j];
          forecast[k] = f.points().get(j).mean();
          naive[k] = y[t + j - m * ((j / m) + 1)];
          k++;
        }
      }
      double[] inSample = Arrays.copyOfRange(y, 0, first);
      double mase;
      double naiveMase;
      try {
        mase = ForecastAccuracy.mase(actual, forecast, inSample, m);
        naiveMase = ForecastAccuracy.mase(actual, naive, inSample, m);
      } catch (IllegalArgumentException constantHistory) {
        continue; // a service without seasonal variation has no MASE scale: not scored
      }
      double mean = Arrays.stream(y).average().orElse(0);
      perService.put(e.getKey(), new ServiceAccuracy(origins, mase, naiveMase, mean));
      maseSum += mase;
      naiveSum += naiveMase;
    }
    int n = perService.size();
    return new ForecastQuality(
        settings,
        perService,
        n == 0 ? Double.NaN : maseSum / n,
        n == 0 ? Double.NaN : naiveSum / n,
        methods);
  }
}
