package io.vigil.flink.runner;

/** A Flink REST call that failed: the HTTP status and Flink's error messages. */
public final class FlinkRestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param message what was attempted and what Flink answered
   * @param status HTTP status, or 0 when no answer arrived
   * @param cause underlying failure, or null
   */
  public FlinkRestException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }
}
