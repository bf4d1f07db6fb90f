package io.vigil.ingest.otlp;

/**
 * An OTLP request body that cannot be decoded: not protobuf of the expected message, not JSON, or
 * JSON of the wrong shape ({@link #path()} names the value). Answered with 400, not retryable.
 */
public final class OtlpDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path JSON path of the failing value, or {@code null} for protobuf and syntax errors
   * @param message what is wrong
   */
  public OtlpDecodeException(String path, String message) {
    super(message, null, false, false);
    this.path = path;
  }

  /** JSON path of the failing value, or {@code null}. */
  public String path() {
    return path;
  }
}
