package io.vigil.streams.poison;

/**
 * A record that decoded but can never be processed: an unknown payload type, a key that is not the
 * id in the value, a command id that is not {@code sagaId:step:attempt}, invalid business data. It
 * goes to the dead-letter queue like an undecodable one.
 */
public final class PoisonRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PoisonRecordException(String message) {
    super(message);
  }

  public PoisonRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
