package io.vigil.analytics.baseline;

import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entity's running mean and variance per feature, its "normal", used to explain a window and to
 * score it when no model exists yet (cold start). Serializable for keyed state.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>With {@code alpha = 0} the statistics are Welford's exact running mean and variance over
 *       all windows. With {@code 0 < alpha < 1} they are exponentially weighted (weight {@code
 *       alpha} for the newest window): the first {@code ceil(1/alpha)} windows use Welford so that
 *       the first window does not dominate, later ones {@code mean += alpha d; var = (1 - alpha)
 *       (var + alpha d^2)}.
 *   <li>{@code z = (x - mean) / sdEff} with {@code sdEff = max(sd, feature.absoluteFloor(), 5 % of
 *       |mean|)}: a flat history does not make a tiny change infinitely surprising.
 *   <li>Until {@link #minSamples()} windows were seen the baseline is warming up: z-scores are 0
 *       and explanations are empty.
 *   <li>Callers score a window against the baseline first and {@link #update} it afterwards, so a
 *       window is never compared with itself.
 * </ul>
 */
public final class FeatureBaseline implements Serializable {

  /** Default windows needed before z-scores count. */
  public static final int DEFAULT_MIN_SAMPLES = 5;

  /** Relative floor of the effective standard deviation. */
  public static final double RELATIVE_SD_FLOOR = 0.05;

  /** Cold-start |z| that maps to score 50. */
  public static final double COLD_START_Z_HALF = 4.0;

  private final double alpha;
  private final int minSamples;
  private final double[] mean = new double[Feature.count()];
  private final double[] m2OrVar = new double[Feature.count()];
  private long count;

  /** Equal-weight (Welford) baseline with {@link #DEFAULT_MIN_SAMPLES}. */
  public FeatureBaseline() {
    this(0.0, DEFAULT_MIN_SAMPLES);
  }

  /**
   * @param alpha 0 for equal weights (Welford), or the exponential weight in (0,1)
   * @param minSamples windows needed before z-scores count (≥ 1)
   */
  public FeatureBaseline(double alpha, int minSamples) {
    if (!(alpha >= 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in [0,1): " + alpha);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be >= 1: " + minSamples);
    }
    this.alpha = alpha;
    this.minSamples = minSamples;
  }

  /** Adds one window; non-finite feature values leave that feature's statistics unchanged. */
  public void update(FeatureVector v) {
    double[] x = v.values();
    count++;
    boolean welford = alpha == 0 || count <= Math.ceil(1 / alpha);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        continue;
      }
      double d = x[i] - mean[i];
      if (welford) {
        mean[i] += d / count;
        m2OrVar[i] += d * (x[i] - mean[i]);
        if (alpha > 0 && count == Math.ceil(1 / alpha)) {
          // hand over from Welford's sum of squares to an exponentially weighted variance
          m2OrVar[i] = count > 1 ? m2OrVar[i] / (count - 1) : 0.0;
        }
      } else {
        mean[i] += alpha * d;
        m2OrVar[i] = (1 - alpha) * (m2OrVar[i] + alpha * d * d);
      }
    }
  }

  /** Windows seen so far. */
  public long count() {
    return count;
  }

  /** Windows needed before z-scores count. */
  public int minSamples() {
    return minSamples;
  }

  /** Whether fewer than {@link #minSamples()} windows were seen. */
  public boolean warmingUp() {
    return count < minSamples;
  }

  /** Baseline mean of a feature. */
  public double mean(Feature f) {
    return mean[f.ordinal()];
  }

  /** Baseline (sample) standard deviation of a feature. */
  public double sd(Feature f) {
    int i = f.ordinal();
    boolean welford = alpha == 0 || count < Math.ceil(1 / alpha);
    double var = welford ? (count > 1 ? m2OrVar[i] / (count - 1) : 0.0) : m2OrVar[i];
    return Math.sqrt(Math.max(0.0, var));
  }

  /** z-score of {@code value} for feature {@code f}; 0 while warming up or for non-finite input. */
  public double zScore(Feature f, double value) {
    if (warmingUp() || !Double.isFinite(value)) {
      return 0.0;
    }
    double m = mean[f.ordinal()];
    double sdEff = Math.max(sd(f), Math.max(f.absoluteFloor(), RELATIVE_SD_FLOOR * Math.abs(m)));
    return (value - m) / sdEff;
  }

  /**
   * The {@code k} features of {@code v} that deviate most from this baseline, by descending {@code
   * |z|} (ties by feature order); features with {@code z = 0} are left out; empty while warming up.
   */
  public List<FeatureDeviation> explain(FeatureVector v, int k) {
    List<FeatureDeviation> all = new ArrayList<>();
    if (warmingUp()) {
      return all;
    }
    for (Feature f : Feature.values()) {
      double x = v.get(f);
      double z = zScore(f, x);
      if (z != 0.0) {
        all.add(
            new FeatureDeviation(
                f.featureName(), x, mean(f), z, z > 0 ? Direction.HIGHER : Direction.LOWER));
      }
    }
    all.sort(Comparator.comparingDouble((FeatureDeviation d) -> -Math.abs(d.zScore())));
    return all.size() > k ? new ArrayList<>(all.subList(0, k)) : all;
  }

  /** Largest {@code |z|} over all features of {@code v} (0 while warming up). */
  public double maxAbsZ(FeatureVector v) {
    double max = 0;
    for (Feature f : Feature.values()) {
      max = Math.max(max, Math.abs(zScore(f, v.get(f))));
    }
    return max;
  }

  /**
   * Cold-start anomaly score in [0,100] from the baseline alone: {@code 100 z^2 / (z^2 + 4^2)} with
   * {@code z = maxAbsZ(v)}. So |z| = 2 gives 20, |z| = 4 gives 50, |z| = 8 gives 80; 0 while
   * warming up.
   */
  public double coldStartScore(FeatureVector v) {
    double z = maxAbsZ(v);
    double z2 = z * z;
    return 100.0 * z2 / (z2 + COLD_START_Z_HALF * COLD_START_Z_HALF);
  }
}
