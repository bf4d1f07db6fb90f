package io.vigil.saga;

/** Lifecycle events a saga reports in {@link Decision#events()}. */
public enum SagaEventType {
  /** The saga was started. */
  STARTED,
  /** A step's action succeeded. */
  STEP_COMPLETED,
  /** A command failed transiently or timed out and will be retried after a backoff. */
  RETRY_SCHEDULED,
  /** A step failed for good; compensations begin. */
  COMPENSATING,
  /** A step's compensation succeeded. */
  COMPENSATION_COMPLETED,
  /** Terminal: every step succeeded. */
  COMPLETED,
  /** Terminal: a step failed and everything applied was compensated. */
  CANCELLED,
  /** Terminal: a compensation failed for good; see the incident. */
  FAILED
}
