package io.vigil.analytics.eval;

/**
 * Detection delay over ground-truth intervals. An interval is detected when an alerted window of
 * the same entity overlaps it; its delay is the end of the earliest such window minus the interval
 * start (a window's verdict exists only when the window closes), at least 0.
 *
 * @param intervals ground-truth intervals
 * @param detected intervals detected
 * @param meanMillis mean delay of detected intervals (NaN if none)
 * @param medianMillis median delay (-1 if none)
 * @param maxMillis largest delay (-1 if none)
 */
public record TimeToDetect(
    int intervals, int detected, double meanMillis, long medianMillis, long maxMillis) {

  /** Share of intervals detected (1 when there are none). */
  public double intervalRecall() {
    return intervals == 0 ? 1.0 : (double) detected / intervals;
  }
}
