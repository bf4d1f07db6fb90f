package io.vigil.demo.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of one {@code vigil demo} run: written to the console, as Markdown and as JSON. Times
 * are milliseconds; instants are ISO-8601 in the JSON.
 *
 * @param run what ran
 * @param timings how long the phases took
 * @param model the model trained at start
 * @param urls endpoints printed at start
 * @param sagas sagas by outcome and the invariant check
 * @param attacks per scripted attack: detection and mitigation
 * @param detection precision and recall against the simulator's ground truth
 * @param anomaliesByClass anomalies of the run by predicted class (entity windows + metric points)
 * @param firewall firewall commands
 * @param scaling scaling commands vs forecasts
 * @param verdict healthy or the reasons why not
 */
public record DemoReport(
    Run run,
    Timings timings,
    Model model,
    Map<String, String> urls,
    SagaCheck.Summary sagas,
    List<AttackResult> attacks,
    Detection detection,
    Map<String, Long> anomaliesByClass,
    Firewall firewall,
    Scaling scaling,
    Verdict verdict) {

  /** The run's settings and virtual time range. */
  public record Run(
      long seed,
      String scenario,
      boolean attacksEnabled,
      Instant start,
      Instant end,
      long durationMs,
      long windowMs,
      long forecastStepMs,
      List<String> allowList) {}

  /**
   * Phases, wall clock.
   *
   * @param startupMs from launch until the simulator started
   * @param trainingMs model training (simulating its data included)
   * @param firstAnomalyMs from launch until the first anomaly was read (-1: none)
   * @param drainMs from the end of the simulation until the report
   * @param totalMs from launch until the report
   */
  public record Timings(
      long startupMs, long trainingMs, long firstAnomalyMs, long drainMs, long totalMs) {}

  /** The model trained at start. */
  public record Model(
      String name,
      String version,
      long trainingSeed,
      long trainingDataMs,
      Map<String, Long> windowsPerClass,
      double oobAccuracy,
      long trainingMs,
      String artifactUri) {}

  /**
   * One scripted attack.
   *
   * @param timeToDetectMs end of the first anomaly window on one of its SOURCE/TARGET entities that
   *     overlaps it, minus its start (event time); null if none
   * @param timeToDetectWindows the same in windows (1 = the window holding the start)
   * @param detectionLatencyMs when that anomaly was read, minus the attack start (wall clock)
   * @param timeToMitigateMs when the first firewall command restricting one of its SOURCE entities
   *     was read, minus the attack start (wall clock); null if none
   */
  public record AttackResult(
      String name,
      String threatClass,
      String variant,
      Instant start,
      Instant end,
      int sourceEntities,
      boolean detected,
      Long timeToDetectMs,
      Integer timeToDetectWindows,
      Long detectionLatencyMs,
      String firstAnomaly,
      int anomalies,
      int sourcesDetected,
      boolean mitigated,
      Long timeToMitigateMs,
      String firstCommand,
      int sourcesMitigated) {}

  /**
   * Detection quality against the ground truth, from the anomaly windows (alerts) of the run.
   *
   * @param alertedWindows entity windows emitted as anomalies within the run
   * @param precision share of them on an entity under attack (SOURCE or TARGET) at that time
   * @param perClassPrecision per predicted class: share predicting the true class
   * @param sourceLabels ground-truth SOURCE labels (entity, attack)
   * @param recall share of SOURCE labels with at least one overlapping anomaly window
   * @param attackRecall share of scripted attacks detected
   * @param metricAnomalies univariate metric anomalies (not windows; counted apart)
   */
  public record Detection(
      long alertedWindows,
      long truePositiveWindows,
      double precision,
      Map<String, Double> perClassPrecision,
      int sourceLabels,
      int sourceLabelsDetected,
      double recall,
      double attackRecall,
      long metricAnomalies) {}

  /** Firewall commands of the run. */
  public record Firewall(
      int commands,
      Map<String, Integer> byAction,
      int onAttackSources,
      int onOtherTargets,
      List<String> otherTargets,
      int againstAllowList,
      List<String> allowListViolations) {}

  /** Scaling commands vs forecasts. */
  public record Scaling(
      int commands,
      int scaleOuts,
      Map<String, Integer> byBasis,
      Map<String, Integer> forecastsPerService,
      List<SurgeResult> surges,
      List<String> commandLines) {}

  /** One scripted surge. */
  public record SurgeResult(
      String name,
      String service,
      double factor,
      Instant start,
      Instant end,
      int commandsDuring,
      int scaleOutsDuring,
      String firstCommand,
      Long timeToScaleMs,
      int forecastsDuring,
      Double maxForecastUpper80,
      Double maxObservedLoad) {}

  /** Healthy, or the reasons why not. */
  public record Verdict(boolean healthy, List<String> reasons) {}
}
