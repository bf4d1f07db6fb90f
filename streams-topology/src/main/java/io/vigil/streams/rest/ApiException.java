package io.vigil.streams.rest;

/**
 * An error answered as JSON {@code {"status", "error", "message"}} with its HTTP status; 503s carry
 * a {@code Retry-After}.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  private ApiException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  /** 400: a malformed id or parameter. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** 404: no such saga, order or SKU. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** 503: the owner of the key cannot answer now (rebalancing, starting, owner unreachable). */
  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The machine-readable error code. */
  public String error() {
    return error;
  }

  /** The JSON body. */
  public ErrorBody body() {
    return new ErrorBody(status, error, getMessage());
  }

  /**
   * The JSON error body.
   *
   * @param status the HTTP status
   * @param error a code: {@code bad_request}, {@code not_found}, {@code unavailable}, {@code
   *     internal}
   * @param message what went wrong
   */
  public record ErrorBody(int status, String error, String message) {}
}
