package io.vigil.flink.forecast;

/**
 * Requests one service served during one step of the load series.
 *
 * @param service service
 * @param stepStart start of the step, epoch millis, inclusive
 * @param stepMs step length in milliseconds
 * @param count requests in the step
 */
public record StepCount(String service, long stepStart, long stepMs, long count) {

  /** Requests per second over the step. */
  public double ratePerSecond() {
    return count * 1000.0 / stepMs;
  }
}
