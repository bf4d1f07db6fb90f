package io.vigil.schemas.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before retrying a registry request. Only failures that may go away are
 * retried: no response at all (connection refused, timeout), HTTP 429 and 5xx; a 4xx answer is
 * final. Waits grow exponentially from {@code initialBackoff}, are capped at {@code maxBackoff},
 * and no retry starts once it would end after {@code maxElapsed}, which bounds the total time a
 * caller waits for an unreachable registry.
 *
 * @param maxRetries retries after the first attempt, {@code >= 0}
 * @param initialBackoff wait before the first retry
 * @param maxBackoff cap of a single wait
 * @param maxElapsed total time budget after which no retry is started
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

  /** 3 retries, 100 ms doubling to at most 1 s, none started after 3 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(3));

  /** Validates the parameters. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    if (maxRetries < 0 || initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("retries and backoffs must not be negative");
    }
  }

  /** Whether a response with this HTTP status may succeed when retried: 429 and 5xx only. */
  public static boolean isRetryableStatus(int httpStatus) {
    return httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599);
  }

  /**
   * Wait before the given retry: {@code initialBackoff * 2^(retry-1)}, capped at {@code
   * maxBackoff}.
   *
   * @param retry 1 for the first retry
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry starts at 1: " + retry);
    }
    Duration wait = initialBackoff;
    for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /**
   * Whether the given retry may start, {@code elapsed} after the first attempt began: the retry
   * count is within {@code maxRetries} and the wait before it ends within {@code maxElapsed}.
   *
   * @param retry 1 for the first retry
   */
  public boolean allowsRetry(int retry, Duration elapsed) {
    return retry <= maxRetries && elapsed.plus(backoff(retry)).compareTo(maxElapsed) < 0;
  }
}
