package io.vigil.saga;

/**
 * Where a saga is in its life. {@link #COMPLETED}, {@link #CANCELLED} and {@link #FAILED} are
 * final.
 */
public enum SagaStatus {
  /** Running the steps forward (waiting for a reply or for a retry backoff). */
  RUNNING(false),
  /** A step failed; running compensations of the (possibly) applied steps in reverse order. */
  COMPENSATING(false),
  /** Every step succeeded. */
  COMPLETED(true),
  /** A step failed and every needed compensation succeeded: nothing is left applied. */
  CANCELLED(true),
  /**
   * A compensation failed for good: something may be left applied and needs a human. The state's
   * {@link SagaState#incident()} says what.
   */
  FAILED(true);

  private final boolean terminal;

  SagaStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether no input can change a saga in this status any more. */
  public boolean isTerminal() {
    return terminal;
  }
}
