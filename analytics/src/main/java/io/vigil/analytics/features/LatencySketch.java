package io.vigil.analytics.features;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable quantile sketch with relative-error guarantees, after DDSketch (Masson, Rim and Lee,
 * "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB
 * 2019).
 *
 * <p>Rule: a positive value {@code x} falls in bucket {@code ceil(log_gamma(x))} with {@code gamma
 * = (1 + a) / (1 - a)}; values {@code <= MIN_TRACKABLE} go to a zero bucket. A quantile is answered
 * with the bucket's representative {@code 2 gamma^i / (gamma + 1)}, which is within relative error
 * {@code a} of the true order statistic (rank {@code floor(q (n - 1))}). Bucket counts add up, so
 * merging two sketches gives exactly the sketch of the concatenated input, in any order. Memory is
 * one entry per occupied bucket: with {@code a = 1 %} latencies from 1 µs to 1 hour occupy at most
 * ~1,100 buckets, whatever the request count.
 */
public final class LatencySketch implements Serializable {

  /** Default relative accuracy (1 %). */
  public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;

  private static final double MIN_TRACKABLE = 1e-6;

  private final double relativeAccuracy;
  private final double gamma;
  private final double logGamma;
  private final TreeMap<Integer, Long> buckets = new TreeMap<>();
  private long zeroCount;
  private long count;

  /** A sketch with {@link #DEFAULT_RELATIVE_ACCURACY}. */
  public LatencySketch() {
    this(DEFAULT_RELATIVE_ACCURACY);
  }

  /** A sketch whose quantiles are within {@code relativeAccuracy} (0 < a < 1) of the truth. */
  public LatencySketch(double relativeAccuracy) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new IllegalArgumentException("relativeAccuracy must be in (0,1): " + relativeAccuracy);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(gamma);
  }

  /** Adds one value; negative and non-finite values are ignored. */
  public void add(double value) {
    if (!Double.isFinite(value) || value < 0) {
      return;
    }
    count++;
    if (value <= MIN_TRACKABLE) {
      zeroCount++;
    } else {
      int index = (int) Math.ceil(Math.log(value) / logGamma);
      buckets.merge(index, 1L, Long::sum);
    }
  }

  /** Adds all values of {@code other} (same accuracy required). */
  public void merge(LatencySketch other) {
    if (other.relativeAccuracy != relativeAccuracy) {
      throw new IllegalArgumentException("cannot merge sketches of different accuracy");
    }
    count += other.count;
    zeroCount += other.zeroCount;
    for (Map.Entry<Integer, Long> e : other.buckets.entrySet()) {
      buckets.merge(e.getKey(), e.getValue(), Long::sum);
    }
  }

  /** Number of values added. */
  public long count() {
    return count;
  }

  /** Returns the estimated {@code q}-quantile (0 ≤ q ≤ 1), or 0 when empty. */
  public double quantile(double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile must be in [0,1]: " + q);
    }
    if (count == 0) {
      return 0.0;
    }
    long rank = (long) Math.floor(q * (count - 1));
    if (rank < zeroCount) {
      return 0.0;
    }
    long seen = zeroCount;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      seen += e.getValue();
      if (seen > rank) {
        return 2 * Math.pow(gamma, e.getKey()) / (gamma + 1);
      }
    }
    return 2 * Math.pow(gamma, buckets.lastKey()) / (gamma + 1);
  }

  /** Number of occupied buckets (memory use). */
  public int bucketCount() {
    return buckets.size() + (zeroCount > 0 ? 1 : 0);
  }

  /** Returns an independent copy. */
  public LatencySketch copy() {
    LatencySketch c = new LatencySketch(relativeAccuracy);
    c.merge(this);
    return c;
  }
}
