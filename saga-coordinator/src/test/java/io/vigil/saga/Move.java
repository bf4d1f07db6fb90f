package io.vigil.saga;

/**
 * One move of the environment in a generated run.
 *
 * @param kind what happens
 * @param pick a random number choosing among candidates (which old reply, which timer, a delay)
 */
record Move(Kind kind, int pick) {

  enum Kind {
    /** The awaited command succeeds (if nothing is awaited, the live timer fires instead). */
    SUCCESS,
    /** The awaited command fails for good. */
    FAILURE,
    /** The awaited command fails transiently. */
    TRANSIENT_FAILURE,
    /** The live timer fires: the awaited command times out, or a backoff ends. */
    FIRE_TIMER,
    /** A reply delivered earlier is delivered again. */
    DUPLICATE_REPLY,
    /** A command that timed out is answered late (success, failure or transient). */
    LATE_REPLY,
    /** A timer that was already fired or cancelled fires (again). */
    STALE_TIMER
  }
}
