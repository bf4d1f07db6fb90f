package io.vigil.features.eval;

/**
 * Detection delay over attack intervals (one interval = one ground-truth label: one entity during
 * one attack). An interval is detected when an alert (any class) is raised on a window of its
 * entity that overlaps it; its delay is the end of the earliest such window minus the interval's
 * start, at least 0 (a window's verdict exists when the window closes), and in windows {@code
 * ceil(delay / window length)}: 1 when the first window the attack touches already alerts, even if
 * the attack began in the middle of it.
 *
 * @param intervals intervals with at least one counted window
 * @param detected intervals detected
 * @param withinOneWindow intervals detected in the first window (delay ≤ 1 window)
 * @param meanSeconds mean delay of the detected intervals (NaN if none)
 * @param medianWindows median delay in windows of the detected intervals (-1 if none; the lower
 *     middle value for an even count)
 * @param maxWindows largest delay in windows (-1 if none)
 */
public record TimeToDetectStats(
    int intervals,
    int detected,
    int withinOneWindow,
    double meanSeconds,
    long medianWindows,
    long maxWindows) {

  /** Share of intervals detected (1 when there are none). */
  public double intervalRecall() {
    return intervals == 0 ? 1.0 : (double) detected / intervals;
  }
}
