package io.vigil.features.eval;

import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.Trainer;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.analytics.scoring.AnomalyAssessment;
import io.vigil.analytics.scoring.AnomalyScorer;
import io.vigil.features.GroundTruth;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.simulator.RandomAttacks;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code vigil evaluate}: trains the anomaly job's models on simulator runs of the training seeds,
 * then scores simulator runs of other seeds exactly as the job does and measures window-level
 * quality against the ground truth, side by side with the static {@link RuleBaseline}; plus the
 * forecast backtest ({@link ForecastEvaluation}).
 *
 * <p>Same code path as the anomaly job: telemetry → {@link io.vigil.features.TelemetryMapping} →
 * {@link io.vigil.features.OfflineWindows} (the job's tumbling windows and edge histories) → per
 * entity, in window order, {@link AnomalyScorer#assess} with the entity's {@link FeatureBaseline}
 * and the trained {@link ModelBundle}; a window alerts when its score is at least {@code minScore}
 * (the job's {@code min-score}: it emits exactly those windows) and the alert carries the bundle's
 * predicted class. Training is {@code vigil train}'s: {@link ModelTrainingPipeline#label}, {@link
 * ModelTrainingPipeline#withoutColdStartEdges} per run, {@link Trainer}.
 *
 * <p>Runs: each seed simulates the random labelled attack mix ({@link Scenario#random}) for {@code
 * duration}, starting at {@link #startOf(long)} so that seeds cover different hours of the daily
 * cycle. The first {@code warmUp} of every evaluation run primes edge histories and baselines and
 * is not counted (every edge is new in an empty history; the job has a history).
 */
public final class QualityEvaluation {

  /**
   * What to evaluate.
   *
   * @param trainSeeds simulator seeds of the training runs
   * @param evalSeeds simulator seeds of the evaluation runs (disjoint from {@code trainSeeds})
   * @param duration virtual duration of each run
   * @param window window length (the job's)
   * @param attacks the random attack mix of every run (its warm-up should be {@code warmUp})
   * @param trainer training parameters
   * @param minScore alert threshold (the job's {@code min-score})
   * @param warmUp start of every run that is not trained on (normal windows flagged new-edge) or
   *     counted in evaluation
   * @param forecast forecast backtest, or null to skip it
   */
  public record Settings(
      List<Long> trainSeeds,
      List<Long> evalSeeds,
      Duration duration,
      Duration window,
      RandomAttacks attacks,
      TrainerConfig trainer,
      double minScore,
      Duration warmUp,
      ForecastEvaluation.Settings forecast) {
    public Settings {
      trainSeeds = List.copyOf(trainSeeds);
      evalSeeds = List.copyOf(evalSeeds);
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(attacks, "attacks");
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(warmUp, "warmUp");
      if (trainSeeds.isEmpty() || evalSeeds.isEmpty()) {
        throw new IllegalArgumentException("need at least one training and one evaluation seed");
      }
      Set<Long> shared = new HashSet<>(trainSeeds);
      shared.retainAll(evalSeeds);
      if (!shared.isEmpty()) {
        throw new IllegalArgumentException(
            "evaluation seeds must not be training seeds, both have " + shared);
      }
      if (window.toMillis() <= 0 || duration.compareTo(window) < 0) {
        throw new IllegalArgumentException("need 0 < window <= duration");
      }
      if (warmUp.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "warm-up " + warmUp + " leaves nothing to evaluate in runs of " + duration);
      }
      if (!(minScore >= 0 && minScore <= 100)) {
        throw new IllegalArgumentException("minScore must be in [0, 100]: " + minScore);
      }
    }
  }

  /**
   * The evaluation's outcome.
   *
   * @param settings what was run
   * @param modelVersion version of the trained bundle
   * @param trainingWindows labelled training windows per class (after the trainer's input filter)
   * @param trainingSeconds wall time of training
   * @param oobAccuracy random forest out-of-bag accuracy
   * @param models the models' quality over all evaluation runs
   * @param rules the rule baseline's quality on the same windows
   * @param modelsPerSeed the models' quality per evaluation seed
   * @param rulesPerSeed the rules' quality per evaluation seed
   * @param forecast forecast backtest, or null
   * @param bundle the trained bundle
   */
  public record Result(
      Settings settings,
      String modelVersion,
      Map<ThreatClass, Long> trainingWindows,
      double trainingSeconds,
      double oobAccuracy,
      DetectionQuality models,
      DetectionQuality rules,
      Map<Long, DetectionQuality> modelsPerSeed,
      Map<Long, DetectionQuality> rulesPerSeed,
      ForecastEvaluation.ForecastQuality forecast,
      ModelBundle bundle) {}

  private QualityEvaluation() {}

  /**
   * Virtual start of the run of {@code seed}: {@link Simulator#DEFAULT_START} (a Monday, 00:00 UTC)
   * plus {@code (7 × seed) mod 24} hours, so runs of different seeds see different parts of the
   * daily cycle.
   */
  public static Instant startOf(long seed) {
    return Simulator.DEFAULT_START.plus(Duration.ofHours(Math.floorMod(7 * seed, 24L)));
  }

  /** Runs the whole evaluation; {@code progress} receives one line per step. */
  public static Result run(Settings s, Consumer<String> progress) {
    Scenario scenario = Scenario.random(s.attacks());
    List<LabelledVector> examples = new ArrayList<>();
    for (long seed : s.trainSeeds()) {
      SimulatedRun run = simulate(seed, s, scenario, progress);
      List<LabelledVector> labelled = ModelTrainingPipeline.label(run.windows(), run.labels());
      examples.addAll(ModelTrainingPipeline.withoutColdStartEdges(labelled, s.warmUp()));
    }
    Map<ThreatClass, Long> perClass = new EnumMap<>(ThreatClass.class);
    examples.forEach(e -> perClass.merge(e.label(), 1L, Long::sum));
    progress.accept("training on " + examples.size() + " windows " + perClass);
    String version =
        "eval-train-" + String.join("-", s.trainSeeds().stream().map(String::valueOf).toList());
    long t0 = System.nanoTime();
    ModelBundle bundle = new Trainer(s.trainer()).train(examples, version, Instant.now());
    double trainingSeconds = (System.nanoTime() - t0) / 1e9;
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "trained %s in %.1f s (oob accuracy %.4f)",
            version,
            trainingSeconds,
            bundle.metadata().classifierOobAccuracy()));
    examples.clear();

    List<JudgedWindow> models = new ArrayList<>();
    List<JudgedWindow> rules = new ArrayList<>();
    Map<Long, DetectionQuality> modelsPerSeed = new LinkedHashMap<>();
    Map<Long, DetectionQuality> rulesPerSeed = new LinkedHashMap<>();
    for (long seed : s.evalSeeds()) {
      SimulatedRun run = simulate(seed, s, scenario, progress);
      long t1 = System.nanoTime();
      List<JudgedWindow>[] judged = judge(run, bundle, s.minScore(), s.warmUp());
      progress.accept(
          String.format(
              java.util.Locale.ROOT,
              "seed %d: scored %d windows in %.1f s",
              seed,
              run.windows().size(),
              (System.nanoTime() - t1) / 1e9));
      models.addAll(judged[0]);
      rules.addAll(judged[1]);
      modelsPerSeed.put(seed, WindowEvaluation.evaluate(judged[0]));
      rulesPerSeed.put(seed, WindowEvaluation.evaluate(judged[1]));
    }
    ForecastEvaluation.ForecastQuality forecast = null;
    if (s.forecast() != null) {
      progress.accept(
          "forecast backtest: simulating "
              + s.forecast().days()
              + " of normal traffic (seed "
              + s.forecast().seed()
              + ")");
      forecast = ForecastEvaluation.run(s.forecast());
    }
    return new Result(
        s,
        version,
        perClass,
        trainingSeconds,
        bundle.metadata().classifierOobAccuracy(),
        WindowEvaluation.evaluate(models),
        WindowEvaluation.evaluate(rules),
        modelsPerSeed,
        rulesPerSeed,
        forecast,
        bundle);
  }

  private static SimulatedRun simulate(
      long seed, Settings s, Scenario scenario, Consumer<String> progress) {
    long t0 = System.nanoTime();
    SimulatedRun run =
        SimulatedRun.simulate(seed, startOf(seed), s.duration(), scenario, s.window());
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "seed %d: simulated %s from %s in %.1f s: %d requests, %d spans, %d windows, %d labels",
            seed,
            s.duration(),
            run.start(),
            (System.nanoTime() - t0) / 1e9,
            run.requests(),
            run.spans(),
            run.windows().size(),
            run.labels().size()));
    return run;
  }

  /**
   * Scores every window of {@code run} as the job does (per entity in window order, baseline
   * updated after each window) and by the rules; windows starting in the first {@code warmUp} are
   * scored but not returned.
   *
   * @return [models' verdicts, rules' verdicts], same windows in the same order
   */
  @SuppressWarnings("unchecked")
  public static List<JudgedWindow>[] judge(
      SimulatedRun run, ModelBundle bundle, double minScore, Duration warmUp) {
    GroundTruth truth = new GroundTruth(run.labels());
    AnomalyScorer scorer = new AnomalyScorer();
    Map<String, FeatureBaseline> baselines = new HashMap<>();
    long countFrom = run.start().toEpochMilli() + warmUp.toMillis();
    List<JudgedWindow> models = new ArrayList<>();
    List<JudgedWindow> rules = new ArrayList<>();
    // run.windows() is ordered by window start: per entity, windows arrive in time order.
    for (FeatureVector v : run.windows()) {
      FeatureBaseline baseline =
          baselines.computeIfAbsent(
              v.entityType().name() + "|" + v.entity(), k -> new FeatureBaseline());
      AnomalyAssessment a = scorer.assess(v, baseline, bundle);
      if (v.windowStartMillis() < countFrom) {
        continue;
      }
      GroundTruth.Truth t = truth.of(v);
      boolean alerted = a.score() >= minScore;
      models.add(
          new JudgedWindow(
              v.entityType(),
              v.entity(),
              v.windowStartMillis(),
              v.windowEndMillis(),
              t,
              alerted,
              alerted ? a.threatClass() : ThreatClass.NONE));
      ThreatClass rule = RuleBaseline.classify(v);
      rules.add(
          new JudgedWindow(
              v.entityType(),
              v.entity(),
              v.windowStartMillis(),
              v.windowEndMillis(),
              t,
              rule != ThreatClass.NONE,
              rule));
    }
    return new List[] {models, rules};
  }
}
