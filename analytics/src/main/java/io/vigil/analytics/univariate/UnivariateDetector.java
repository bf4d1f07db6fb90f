package io.vigil.analytics.univariate;

import java.io.Serializable;

/**
 * Causal, point-by-point anomaly detector for one metric series (what {@code vigil score} and the
 * per-series metric scoring run). Serializable for keyed state; one instance per series; not
 * thread-safe.
 *
 * <p>Model: an exponentially weighted mean and variance (EWMA/EWMV) of the series, time-aware and
 * robust. Rules, applied to each point in arrival order (nothing is ever looked ahead, nothing
 * throws):
 *
 * <ol>
 *   <li>A NaN or infinite value scores 0 with status {@code NON_FINITE}; the state is untouched.
 *   <li>The point is scored <em>before</em> it updates the state: {@code z = (x - mean) / sdEff},
 *       {@code sdEff = sqrt(var + (relativeFloor (|mean| + 1))^2)}; {@code score = 1 / (1 +
 *       exp(-steepness (|z| - zHalf)))}, so {@code |z| = zHalf} (default 5) gives 0.5, |z| = 3
 *       about 0.05 and |z| = 7 about 0.95.
 *   <li>The first {@code warmupPoints} finite points score 0 ({@code WARMING_UP}) and build the
 *       state with equal weights.
 *   <li>Irregular sampling: the weight of a point is {@code alpha = 1 - exp(-r / horizonSteps)}
 *       where {@code r = dt / typicalStep}, capped at 10, and {@code typicalStep} is an
 *       exponentially weighted average of the positive time deltas seen. A repeated or backward
 *       timestamp ({@code dt <= 0}) counts as one typical step ({@code r = 1}) and is flagged; the
 *       last timestamp then stays the maximum seen.
 *   <li>Robustness: the update uses the value winsorised to {@code mean ± clip sdEff} (default 3),
 *       so one spike barely moves the level while a lasting shift is learned within a few horizons.
 * </ol>
 */
public final class UnivariateDetector implements Serializable {

  private final Config config;
  private long finiteCount;
  private double mean;
  private double var;
  private long lastTimestamp;
  private boolean hasTimestamp;
  private double typicalStep;

  /** A detector with {@link Config#defaults()}. */
  public UnivariateDetector() {
    this(Config.defaults());
  }

  public UnivariateDetector(Config config) {
    this.config = config;
  }

  /** Scores one point and updates the state; never throws. */
  public UnivariateScore score(long timestampMillis, double value) {
    boolean notIncreasing = hasTimestamp && timestampMillis <= lastTimestamp;
    if (!Double.isFinite(value)) {
      return new UnivariateScore(
          0.0, 0.0, expected(), UnivariateScore.Status.NON_FINITE, notIncreasing);
    }
    double ratio = 1.0;
    if (hasTimestamp && !notIncreasing) {
      double dt = (double) timestampMillis - lastTimestamp;
      typicalStep = typicalStep == 0 ? dt : typicalStep + 0.1 * (dt - typicalStep);
      ratio = Math.min(10.0, dt / typicalStep);
    }
    if (!hasTimestamp || timestampMillis > lastTimestamp) {
      lastTimestamp = timestampMillis;
      hasTimestamp = true;
    }

    if (finiteCount < config.warmupPoints()) {
      double expectedBefore = expected();
      finiteCount++;
      double d = value - mean;
      mean += d / finiteCount;
      // running population variance of the warm-up points
      var += (d * (value - mean) - var) / finiteCount;
      return new UnivariateScore(
          0.0, 0.0, expectedBefore, UnivariateScore.Status.WARMING_UP, notIncreasing);
    }

    double sdEff = Math.sqrt(var + square(config.relativeFloor() * (Math.abs(mean) + 1.0)));
    double z = (value - mean) / sdEff;
    double score = 1.0 / (1.0 + Math.exp(-config.steepness() * (Math.abs(z) - config.zHalf())));
    double expectedBefore = mean;

    double alpha = 1.0 - Math.exp(-ratio / config.horizonSteps());
    double clipped =
        mean + Math.max(-config.clip() * sdEff, Math.min(config.clip() * sdEff, value - mean));
    double d = clipped - mean;
    mean += alpha * d;
    var = (1 - alpha) * (var + alpha * d * d);
    finiteCount++;
    return new UnivariateScore(score, z, expectedBefore, UnivariateScore.Status.OK, notIncreasing);
  }

  /** Current expected level, NaN before the first finite value. */
  public double expected() {
    return finiteCount == 0 ? Double.NaN : mean;
  }

  private static double square(double x) {
    return x * x;
  }

  /**
   * Detector parameters.
   *
   * @param warmupPoints finite points before scoring starts (≥ 1)
   * @param horizonSteps memory of the EWMA in typical steps (weight of a regular point {@code 1 -
   *     e^(-1/horizonSteps)})
   * @param zHalf |z| that scores 0.5
   * @param steepness slope of the logistic squashing
   * @param clip winsorisation of updates, in effective standard deviations
   * @param relativeFloor relative floor of the standard deviation (of {@code |mean| + 1})
   */
  public record Config(
      int warmupPoints,
      double horizonSteps,
      double zHalf,
      double steepness,
      double clip,
      double relativeFloor)
      implements Serializable {

    public Config {
      if (warmupPoints < 1
          || !(horizonSteps >= 1)
          || !(zHalf > 0)
          || !(steepness > 0)
          || !(clip > 0)
          || !(relativeFloor >= 0)) {
        throw new IllegalArgumentException(
            String.format(
                java.util.Locale.ROOT,
                "invalid detector config: warmup=%d horizon=%s zHalf=%s steepness=%s clip=%s floor=%s",
                warmupPoints,
                horizonSteps,
                zHalf,
                steepness,
                clip,
                relativeFloor));
      }
    }

    /** 10 warm-up points, horizon 30 steps, z 5 → 0.5, steepness 1.5, clip 3, floor 1 %. */
    public static Config defaults() {
      return new Config(10, 30, 5.0, 1.5, 3.0, 0.01);
    }
  }
}
