package io.vigil.flink.forecast;

import java.util.Arrays;

/**
 * The bounded request-rate history of one service: consecutive steps, oldest first, at most {@code
 * capacity} of them. Steps without requests produce no window in Flink, so the gap between two
 * observed steps is filled with zero rates: a silent service has no load.
 */
public final class RateHistory {

  private RateHistory() {}

  /**
   * Appends the step that starts at {@code stepStart} to {@code history} whose last step started at
   * {@code lastStepStart}, filling skipped steps with 0 and dropping the oldest beyond {@code
   * capacity}. A step at or before {@code lastStepStart} (a late correction) adds to the step it
   * belongs to, if that step is still in the history.
   *
   * @param history rates so far, oldest first (not modified); empty when {@code lastStepStart} is
   *     null
   * @param lastStepStart start of the newest step in {@code history}, or null when empty
   * @param stepStart start of the new step
   * @param stepMs step length
   * @param rate the new step's rate
   * @param capacity maximum number of steps kept (≥ 1)
   * @return the new history
   */
  public static double[] append(
      double[] history,
      Long lastStepStart,
      long stepStart,
      long stepMs,
      double rate,
      int capacity) {
    if (lastStepStart == null || history.length == 0) {
      return new double[] {rate};
    }
    if (stepStart <= lastStepStart) {
      long back = (lastStepStart - stepStart) / stepMs;
      double[] copy = history.clone();
      if (back < copy.length) {
        copy[copy.length - 1 - (int) back] += rate;
      }
      return copy;
    }
    long gap = (stepStart - lastStepStart) / stepMs;
    int keepOld = (int) Math.max(0, Math.min(history.length, capacity - gap));
    int zeros = (int) Math.min(gap - 1, capacity - 1L);
    double[] next = new double[Math.min(capacity, keepOld + zeros + 1)];
    int start = next.length - 1 - zeros - keepOld;
    System.arraycopy(history, history.length - keepOld, next, Math.max(0, start), keepOld);
    Arrays.fill(next, next.length - 1 - zeros, next.length - 1, 0.0);
    next[next.length - 1] = rate;
    return next;
  }
}
