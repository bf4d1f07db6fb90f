package io.vigil.responders.actuator;

/**
 * An actuator could not apply a command. Retriable failures (API server unavailable, conflict, nft
 * busy) are attempted again with a backoff; the others (missing Deployment, invalid request) fail
 * at once. A command that fails for good goes to {@code <topic>.dlq} and counts as failed.
 */
public final class ActuationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retriable;

  /** A failure, retriable or not, with its cause. */
  public ActuationException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  /** Whether another attempt may succeed. */
  public boolean retriable() {
    return retriable;
  }
}
