package io.vigil.simulator;

import java.util.concurrent.TimeUnit;

/** The wall clock as the pacer sees it; replaced in tests. Never used to generate records. */
interface Ticker {

  /** Monotonic nanoseconds. */
  long nanoTime();

  /** Sleeps about {@code nanos}. */
  void sleep(long nanos) throws InterruptedException;

  /** The JVM's monotonic clock and {@link TimeUnit#sleep}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };
}
