package io.vigil.saga;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How often a command is tried and how long to wait between tries.
 *
 * <ul>
 *   <li>{@code maxAttempts} counts every try, the first included ({@code 1} = never retry).
 *   <li>The wait before attempt {@code n + 1} after attempt {@code n} failed is {@code
 *       initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}. There is no random
 *       jitter: the engine is deterministic.
 *   <li>A failure reply is retried only if {@link #retryingOn the transient predicate} accepts it
 *       (default: the participant's own {@link Outcome.Failure#transientFailure()} flag). A missing
 *       reply (timeout) is always retried while attempts remain: its effect is unknown, and the
 *       participant contract makes a retry safe.
 * </ul>
 *
 * <p>Immutable; the {@code with...} methods return copies.
 */
public final class RetryPolicy {

  /** Upper bound for backoff durations, so that nanosecond arithmetic never overflows. */
  public static final Duration MAX_BACKOFF_LIMIT = Duration.ofDays(7);

  private static final RetryPolicy NO_RETRIES =
      new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Outcome.Failure::transientFailure);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double multiplier;
  private final Duration maxBackoff;
  private final Predicate<Outcome.Failure> transientFailures;

  private RetryPolicy(
      int maxAttempts,
      Duration initialBackoff,
      double multiplier,
      Duration maxBackoff,
      Predicate<Outcome.Failure> transientFailures) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff, was " + initialBackoff + ", " + maxBackoff);
    }
    if (maxBackoff.compareTo(MAX_BACKOFF_LIMIT) > 0) {
      throw new IllegalArgumentException("maxBackoff must be <= " + MAX_BACKOFF_LIMIT);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "multiplier must be a finite number >= 1, was " + multiplier);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.multiplier = multiplier;
    this.maxBackoff = maxBackoff;
    this.transientFailures = Objects.requireNonNull(transientFailures, "transientFailures");
  }

  /** One attempt, no retry. */
  public static RetryPolicy noRetries() {
    return NO_RETRIES;
  }

  /** Exponential backoff doubling from {@code initialBackoff} up to {@code maxBackoff}. */
  public static RetryPolicy exponential(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(
        maxAttempts, initialBackoff, 2.0, maxBackoff, Outcome.Failure::transientFailure);
  }

  /** Returns a copy with another growth factor (>= 1; 1 gives a fixed backoff). */
  public RetryPolicy withMultiplier(double newMultiplier) {
    return new RetryPolicy(
        maxAttempts, initialBackoff, newMultiplier, maxBackoff, transientFailures);
  }

  /** Returns a copy that retries exactly the failures {@code predicate} accepts. */
  public RetryPolicy retryingOn(Predicate<Outcome.Failure> predicate) {
    return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, predicate);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public double multiplier() {
    return multiplier;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Whether {@code failure}, answered to attempt {@code failedAttempt}, is tried again. */
  public boolean shouldRetry(Outcome.Failure failure, int failedAttempt) {
    return failedAttempt < maxAttempts && transientFailures.test(failure);
  }

  /** Whether a command whose attempt {@code failedAttempt} timed out is tried again. */
  public boolean shouldRetryAfterTimeout(int failedAttempt) {
    return failedAttempt < maxAttempts;
  }

  /** The wait between the failure of attempt {@code failedAttempt} and the next attempt. */
  public Duration backoffAfter(int failedAttempt) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be >= 1, was " + failedAttempt);
    }
    double cap = maxBackoff.toNanos();
    double nanos = Math.min(initialBackoff.toNanos(), cap);
    for (int i = 1; i < failedAttempt && nanos < cap; i++) {
      nanos = Math.min(nanos * multiplier, cap);
    }
    return Duration.ofNanos((long) nanos);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", multiplier="
        + multiplier
        + ", maxBackoff="
        + maxBackoff
        + '}';
  }
}
