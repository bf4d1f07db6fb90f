package io.vigil.simulator;

import java.util.SplittableRandom;

/** Distributions drawn from a {@link SplittableRandom}; pure functions, no state of their own. */
final class Random2 {
  private Random2() {}

  /** Poisson count with mean {@code lambda} (Knuth below 30, normal approximation above). */
  static int poisson(SplittableRandom rng, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 30) {
      double limit = Math.exp(-lambda);
      double product = rng.nextDouble();
      int count = 0;
      while (product > limit) {
        product *= rng.nextDouble();
        count++;
      }
      return count;
    }
    long n = Math.round(lambda + Math.sqrt(lambda) * gaussian(rng));
    return (int) Math.max(0, n);
  }

  /** Standard normal (Box-Muller, one value per call). */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  static double logNormal(SplittableRandom rng, double median, double sigma) {
    return median * Math.exp(sigma * gaussian(rng));
  }

  /** Exponential with the given mean. */
  static double exponential(SplittableRandom rng, double mean) {
    return -mean * Math.log(1.0 - rng.nextDouble());
  }

  /** Uniform in {@code [from, to)}. */
  static double uniform(SplittableRandom rng, double from, double to) {
    return from + (to - from) * rng.nextDouble();
  }

  /** Whether an event of probability {@code p} happens. */
  static boolean chance(SplittableRandom rng, double p) {
    return p > 0 && rng.nextDouble() < p;
  }

  /**
   * Index into cumulative weights {@code cumulative} (non-decreasing, last = total), drawn with
   * probability proportional to each weight.
   */
  static int weighted(SplittableRandom rng, double[] cumulative) {
    double x = rng.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Popularity-skewed index in {@code [0, n)}: low indices are drawn far more often. */
  static int skewed(SplittableRandom rng, int n, double skew) {
    return Math.min(n - 1, (int) (n * Math.pow(rng.nextDouble(), skew)));
  }
}
