package io.vigil.saga.codec;

/** The bytes are not a saga state this codec can read: corrupt, truncated or of another version. */
public final class SagaStateCodecException extends RuntimeException {

  public SagaStateCodecException(String message) {
    super(message);
  }

  public SagaStateCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
