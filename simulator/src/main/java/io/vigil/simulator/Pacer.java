package io.vigil.simulator;

import java.util.function.LongConsumer;

/**
 * Releases generated records against the wall clock. {@link Pacing#AS_FAST_AS_POSSIBLE} releases
 * each tick as soon as it is generated. {@link Pacing#REALTIME} maps virtual time to wall time
 * (anchored when the run starts, divided by the speed) and releases in 100 ms virtual steps, each
 * once the wall clock has reached it; a slow sink makes the run late, never lossy, and the pacer
 * catches up without sleeping.
 */
final class Pacer {
  static final long STEP_MICROS = 100_000;

  private final Pacing pacing;
  private final double speed;
  private final Ticker ticker;
  private long anchorNanos;
  private long startMicros;

  Pacer(Pacing pacing, double speed, Ticker ticker) {
    this.pacing = pacing;
    this.speed = speed;
    this.ticker = ticker;
  }

  void begin(long virtualStartMicros) {
    this.startMicros = virtualStartMicros;
    this.anchorNanos = ticker.nanoTime();
  }

  /**
   * Releases {@code [t0, t1)} through {@code drainBefore} (called with increasing bounds, the last
   * one {@code t1}).
   *
   * @throws InterruptedException when interrupted while waiting for the wall clock
   */
  void release(long t0, long t1, LongConsumer drainBefore) throws InterruptedException {
    if (pacing == Pacing.AS_FAST_AS_POSSIBLE) {
      drainBefore.accept(t1);
      return;
    }
    long bound = t0;
    while (bound < t1) {
      bound = Math.min(t1, bound + STEP_MICROS);
      awaitVirtual(bound);
      drainBefore.accept(bound);
    }
  }

  private void awaitVirtual(long virtualMicros) throws InterruptedException {
    long due = anchorNanos + (long) ((virtualMicros - startMicros) * 1_000 / speed);
    long now = ticker.nanoTime();
    while (now < due) {
      ticker.sleep(due - now);
      now = ticker.nanoTime();
    }
  }
}
