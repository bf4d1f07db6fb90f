package io.vigil.ingest.cdc;

/** A CDC engine stopped with an error; the message names the source. */
public final class CdcRelayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what stopped, with the source name
   * @param cause Debezium's error, may be {@code null}
   */
  public CdcRelayException(String message, Throwable cause) {
    super(message, cause);
  }
}
