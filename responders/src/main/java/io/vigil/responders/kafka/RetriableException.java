package io.vigil.responders.kafka;

/**
 * A failure that says nothing about the record being processed and may pass: the schema registry is
 * unreachable, an output cannot be serialized because of it, the broker times out. The loop aborts
 * the transaction, rewinds to the last committed offsets and retries after a backoff.
 */
public final class RetriableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A transient failure, with what was attempted as message. */
  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
