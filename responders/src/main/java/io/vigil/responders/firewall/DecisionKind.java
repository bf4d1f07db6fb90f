package io.vigil.responders.firewall;

/** Where a decision sits in the life of the one active decision per (scope, target). */
public enum DecisionKind {
  /** First decision on a target with no active decision; counts as an offence. */
  NEW,
  /**
   * Replaces the target's active decision: a longer TTL and/or a stronger action, with the evidence
   * accumulated. Not a new offence; {@code supersedes} names the replaced decision.
   */
  EXTENDED,
  /** Lifts the target's active decision ({@code UNBLOCK}/{@code RESTORE}) on expiry or delete. */
  LIFTED
}
