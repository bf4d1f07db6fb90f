package io.vigil.ingest.gateway;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request the gateway answers with an error: HTTP status, a stable machine-readable {@link
 * #error()} code, a human {@link #reason()}, optionally the JSON path of the failing value and a
 * {@code Retry-After}. Raised for expected conditions (bad input, overload), so it carries no stack
 * trace.
 */
public final class GatewayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String reason;
  private final String path;
  private final Integer retryAfterSeconds;

  /**
   * @param status HTTP status, 4xx or 5xx
   * @param error stable error code, e.g. {@code schema_mismatch}
   * @param reason what went wrong, for people
   * @param path JSON path of the failing value, or {@code null}
   * @param retryAfterSeconds {@code Retry-After} value, or {@code null}
   */
  public GatewayException(
      int status, String error, String reason, String path, Integer retryAfterSeconds) {
    super(error + ": " + reason, null, false, false);
    this.status = status;
    this.error = error;
    this.reason = reason;
    this.path = path;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** An error without path or {@code Retry-After}. */
  public GatewayException(int status, String error, String reason) {
    this(status, error, reason, null, null);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Stable error code. */
  public String error() {
    return error;
  }

  /** Human-readable reason. */
  public String reason() {
    return reason;
  }

  /** JSON path of the failing value, if the error is about one. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** Seconds after which a retry may succeed, for 429 and 503. */
  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
  }

  /** Whether a client may retry the same request (429, 503). */
  public boolean retryable() {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
