package io.vigil.simulator;

/** How the virtual clock relates to the wall clock. */
public enum Pacing {
  /** Generate as fast as the sink accepts records: hours of traffic in seconds, for training. */
  AS_FAST_AS_POSSIBLE,
  /**
   * Release records when the wall clock reaches their virtual time (scaled by the simulator's
   * speed), in steps of 100 ms of virtual time, for live demos.
   */
  REALTIME
}
