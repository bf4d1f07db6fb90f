package io.vigil.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A generated attack mix for training and evaluation data: after {@code warmUp}, attacks one after
 * another with exponential gaps, classes in shuffled rounds (so every class occurs about equally
 * often), the slow-and-low variant with probability {@code slowAndLowShare}, lengths uniform in
 * {@code [minDuration, maxDuration]}, and targets chosen from the seed. Attacks never overlap.
 *
 * @param perHour mean number of attacks per hour of virtual time
 * @param slowAndLowShare share of slow-and-low variants, 0..1
 * @param minDuration shortest attack
 * @param maxDuration longest attack
 * @param warmUp attack-free time at the start of the run
 */
public record RandomAttacks(
    double perHour,
    double slowAndLowShare,
    Duration minDuration,
    Duration maxDuration,
    Duration warmUp) {

  /** Validates. */
  public RandomAttacks {
    Objects.requireNonNull(minDuration, "minDuration");
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(warmUp, "warmUp");
    if (!(perHour > 0) || perHour > 3_600) {
      throw new IllegalArgumentException("perHour must be in (0, 3600], was " + perHour);
    }
    if (!(slowAndLowShare >= 0 && slowAndLowShare <= 1)) {
      throw new IllegalArgumentException(
          "slowAndLowShare must be in [0, 1], was " + slowAndLowShare);
    }
    if (minDuration.isNegative()
        || minDuration.isZero()
        || maxDuration.compareTo(minDuration) < 0) {
      throw new IllegalArgumentException("need 0 < minDuration <= maxDuration");
    }
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("warmUp must be >= 0");
    }
  }

  /** 6 attacks per hour, 30 % slow-and-low, 1-4 minutes each, 10 minutes of warm-up. */
  public static RandomAttacks defaults() {
    return new RandomAttacks(
        6, 0.3, Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(10));
  }
}
