package io.vigil.analytics.univariate;

/**
 * The detector's answer for one point.
 *
 * @param score anomaly score in [0,1] (0 for non-finite values and during warm-up)
 * @param zScore robust z-score of the point against the state before it (0 when not scored)
 * @param expected the level expected before seeing the point (NaN before the first finite value)
 * @param status why the point was or was not scored
 * @param timestampNotIncreasing the timestamp repeated or stepped back relative to the previous
 *     point
 */
public record UnivariateScore(
    double score, double zScore, double expected, Status status, boolean timestampNotIncreasing) {

  /** Whether and how a point was scored. */
  public enum Status {
    /** Scored against an established level. */
    OK,
    /** Too few finite points yet: score 0, state updated. */
    WARMING_UP,
    /** Value was NaN or infinite: score 0, state untouched. */
    NON_FINITE
  }
}
