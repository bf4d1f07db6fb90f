package io.vigil.analytics.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import smile.anomaly.IsolationForest;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * A Smile isolation forest plus the calibration that maps its raw score to 0-100.
 *
 * <p>Normalisation: Smile's raw score is {@code 2^(-E(h)/c(n))} in (0,1]. Smile 3.1.1 divides by
 * {@code c(n)} of the whole training set while trees see sub-samples, so the raw values are not
 * comparable across training sizes; hence a calibration on the training rows of normal traffic:
 * with their raw-score median {@code q50} and 99.9th percentile {@code qh}, {@code score = 100 / (1
 * + exp(-(raw - qh) / w))}, {@code w = (qh - q50) / ln 9}. So the normal median maps to 10, the
 * normal 99.9th percentile to 50, and far outliers approach 100; the map is monotone and stays in
 * [0,100] (floating point may reach the bounds).
 *
 * <p>Input scaling: rows are standardised with the training rows' mean and standard deviation per
 * column (the deviation floored at {@link #scaleFloor}), because the forest is Smile's extended
 * isolation forest with random-slope hyperplanes (fully extended, Smile's default), whose splits
 * would otherwise be dominated by the widest columns. The axis-parallel variant ({@code
 * extension_level = 0}) was measured here to score a 20-sigma single-feature outlier below the
 * normal median with Smile 3.1.1, so it is not used.
 */
final class IsolationForestScorer implements Serializable {

  /**
   * Quantile of the normal training rows' raw scores that maps to 50: a window must look less
   * normal than 99.9 % of normal training traffic to reach the job's default min-score on novelty
   * alone (at the 99th percentile ~1 % of all normal windows alerted, far more than the attacks).
   */
  static final double CALIBRATION_QUANTILE = 0.999;

  private final IsolationForest forest;
  private final double[] center;
  private final double[] scale;
  private final double rawMedian;
  private final double rawHigh;
  private final double width;
  private final int trainingRows;

  private IsolationForestScorer(
      IsolationForest forest,
      double[] center,
      double[] scale,
      double rawMedian,
      double rawHigh,
      int trainingRows) {
    this.forest = forest;
    this.center = center;
    this.scale = scale;
    this.rawMedian = rawMedian;
    this.rawHigh = rawHigh;
    this.width = Math.max((rawHigh - rawMedian) / Math.log(9.0), 1e-6);
    this.trainingRows = trainingRows;
  }

  /**
   * Fits the forest on {@code rows} and calibrates it on the same rows. Deterministic for a given
   * seed: Smile draws sub-samples from a thread-local generator inside a parallel stream, so the
   * fit runs in a private single-worker pool whose generator is seeded first.
   */
  static IsolationForestScorer fit(double[][] rows, int trees, int sampleSize, long seed) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("isolation forest needs >= 2 rows, got " + rows.length);
    }
    int n = rows.length;
    int p = rows[0].length;
    double[] center = new double[p];
    double[] scale = new double[p];
    for (double[] r : rows) {
      for (int j = 0; j < p; j++) {
        center[j] += r[j] / n;
      }
    }
    for (double[] r : rows) {
      for (int j = 0; j < p; j++) {
        scale[j] += (r[j] - center[j]) * (r[j] - center[j]) / Math.max(1, n - 1);
      }
    }
    for (int j = 0; j < p; j++) {
      scale[j] = Math.max(Math.sqrt(scale[j]), scaleFloor(j));
    }
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = standardise(rows[i], center, scale);
    }
    double rate = Math.min(0.9, (double) sampleSize / n);
    int m = Math.max(2, (int) Math.round(n * rate));
    int depth = Math.max(1, (int) Math.ceil(Math.log(m) / Math.log(2)));
    Properties props = new Properties();
    props.setProperty("smile.isolation_forest.trees", Integer.toString(trees));
    props.setProperty("smile.isolation_forest.sampling_rate", Double.toString(rate));
    props.setProperty("smile.isolation_forest.max_depth", Integer.toString(depth));
    props.setProperty("smile.isolation_forest.extension_level", Integer.toString(p - 1));
    IsolationForest forest = seeded(seed, () -> IsolationForest.fit(x, props));
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] = forest.score(x[i]);
    }
    Arrays.sort(raw);
    return new IsolationForestScorer(
        forest, center, scale, quantile(raw, 0.5), quantile(raw, CALIBRATION_QUANTILE), n);
  }

  /** Calibrated score in [0,100]. */
  double score100(double[] row) {
    double raw = forest.score(standardise(row, center, scale));
    return 100.0 / (1.0 + Math.exp(-(raw - rawHigh) / width));
  }

  double rawMedian() {
    return rawMedian;
  }

  double rawHigh() {
    return rawHigh;
  }

  int trainingRows() {
    return trainingRows;
  }

  /**
   * Smallest scale of column {@code j} of {@link ModelInput#anomalyRow}: 0.1 (about a 10 % change)
   * for log-scaled features, the feature's {@link
   * io.vigil.analytics.features.Feature#absoluteFloor} otherwise, so a column that never varied in
   * training still isolates a change.
   */
  private static double scaleFloor(int j) {
    io.vigil.analytics.features.Feature[] features = io.vigil.analytics.features.Feature.values();
    if (j >= features.length) {
      return 1.0;
    }
    return features[j].heavyTailed() ? 0.1 : features[j].absoluteFloor();
  }

  private static double[] standardise(double[] row, double[] center, double[] scale) {
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = (row[j] - center[j]) / scale[j];
    }
    return z;
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  interface Fit<T> {
    T run();
  }

  /** Guards Smile's process-wide Gaussian generator (see {@link #seeded}). */
  private static final Object SMILE_RNG_LOCK = new Object();

  /**
   * Runs a Smile fit on one private worker thread whose Smile RNG is seeded with {@code seed}.
   *
   * <p>Seeding the thread's generator is not enough: the extended isolation tree draws its slopes
   * from {@code GaussianDistribution.getInstance()}, a process-wide singleton whose Box-Muller
   * polar method caches the second value of each pair. A fit that made an odd number of draws left
   * a cached value behind, and the next fit's first slope was that value instead of a draw from the
   * seeded generator: the same data and seed gave different forests depending on what had been fit
   * before in the JVM. So fits run one at a time (the singleton is not thread-safe either) and
   * start with the cache cleared.
   */
  static <T> T seeded(long seed, Fit<T> fit) {
    synchronized (SMILE_RNG_LOCK) {
      return seededExclusive(seed, fit);
    }
  }

  private static <T> T seededExclusive(long seed, Fit<T> fit) {
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      return pool.submit(
              () -> {
                MathEx.setSeed(seed);
                clearGaussianCache();
                return fit.run();
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("model fit interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("model fit failed", cause);
    } finally {
      pool.shutdown();
    }
  }

  /** Clears the cached second Box-Muller value of Smile's shared standard Gaussian. */
  static void clearGaussianCache() {
    try {
      java.lang.reflect.Field cached = GaussianDistribution.class.getDeclaredField("z1");
      cached.setAccessible(true);
      cached.setDouble(GaussianDistribution.getInstance(), Double.NaN);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot reset Smile's shared Gaussian generator (Smile version changed?)", e);
    }
  }
}
