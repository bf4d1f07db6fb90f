package io.vigil.saga;

/** Why the engine ignored an input (see {@link Decision#ignored()}). */
public enum IgnoreReason {
  /** The saga is terminal; nothing changes it any more. */
  SAGA_TERMINAL,
  /** A reply whose id this saga never issues (malformed, another saga, unknown step). */
  UNKNOWN_COMMAND,
  /**
   * A reply to a command of this saga that is not awaited: a duplicate, a reply to an attempt that
   * timed out (late), or one overtaken by the saga's progress (out of order).
   */
  STALE_COMMAND,
  /** A timer that is not the saga's live timer: its command was already answered or superseded. */
  STALE_TIMER,
  /** The live timer fired before its due time; it stays live. */
  TIMER_NOT_DUE
}
