package io.vigil.analytics.eval;

/**
 * Confusion counts of one class (or of detection overall) at window level.
 *
 * <p>Conventions: precision is 1 when nothing was predicted, recall is 1 when there was nothing to
 * find, F1 is 0 when precision + recall is 0.
 */
public record ClassMetrics(long truePositives, long falsePositives, long falseNegatives) {

  /** TP / (TP + FP). */
  public double precision() {
    long d = truePositives + falsePositives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** TP / (TP + FN). */
  public double recall() {
    long d = truePositives + falseNegatives;
    return d == 0 ? 1.0 : (double) truePositives / d;
  }

  /** Harmonic mean of precision and recall. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
}
