package io.vigil.responders.firewall;

/** What the firewall policy did with one anomaly, or with one active decision on a tick. */
public enum AuditOutcome {
  /** A new decision was issued. */
  DECIDED,
  /** The anomaly extended or escalated the target's active decision. */
  EXTENDED,
  /** The anomaly was added to the active decision's evidence; nothing new was published. */
  ABSORBED,
  /** The anomaly is already evidence of the target's active or last decision (a redelivery). */
  DUPLICATE,
  /** Threat class {@code none}: benign or unknown traffic never leads to a decision. */
  NO_THREAT,
  /** The threat class is disabled in the policy. */
  CLASS_DISABLED,
  /** Score or confidence below the class's minimum. */
  BELOW_THRESHOLD,
  /** The anomaly's window ended too long ago to act on. */
  STALE,
  /** The entity cannot be mapped to the class's scope (e.g. a service entity for scope ip). */
  UNMAPPABLE,
  /** The allow-list vetoed the decision; the audit names the rule. */
  VETOED,
  /** The blast-radius cap on new decisions per rolling minute was reached. */
  CAPPED,
  /** An active decision expired and was lifted. */
  EXPIRED,
  /** An active decision was lifted because its target is now allow-listed. */
  LIFTED_ALLOW_LISTED,
  /** An operator added or replaced a decision. */
  MANUAL_ADDED,
  /** An operator deleted an active decision. */
  MANUAL_DELETED,
  /** An operator asked to delete a decision that is not active. */
  NOT_FOUND
}
