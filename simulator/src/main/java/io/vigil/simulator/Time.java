package io.vigil.simulator;

import java.time.Instant;

/** Conversions between epoch microseconds (the simulator's clock) and {@link Instant}. */
final class Time {
  static final long MICROS_PER_SECOND = 1_000_000L;

  private Time() {}

  static long micros(Instant t) {
    return Math.addExact(
        Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1_000);
  }

  /** Microsecond-precision instant, for {@code timestamp-micros} fields. */
  static Instant ofMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000);
  }

  /** Millisecond-precision instant, for {@code timestamp-millis} fields. */
  static Instant millisOf(long micros) {
    return Instant.ofEpochMilli(Math.floorDiv(micros, 1_000));
  }

  static long seconds(double s) {
    return (long) (s * MICROS_PER_SECOND);
  }
}
