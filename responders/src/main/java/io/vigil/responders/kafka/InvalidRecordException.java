package io.vigil.responders.kafka;

/**
 * An input record that can never be processed: it does not decode, or its content is rejected
 * (missing or out-of-range fields). The loop sends it to {@code <topic>.dlq} inside the same
 * transaction and goes on with the next record.
 */
public final class InvalidRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An invalid record, with the reason as message and the underlying failure as cause. */
  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
