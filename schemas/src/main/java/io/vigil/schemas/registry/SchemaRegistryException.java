package io.vigil.schemas.registry;

import java.util.Optional;

/**
 * A Schema Registry request failed. The message always names the registry URL and, when the request
 * concerned one, the subject, so that a log line is enough to find the misconfiguration.
 *
 * <p>{@link #httpStatus()} is the HTTP status ({@code -1} when no response was received) and {@link
 * #errorCode()} the Confluent {@code error_code} of the response body ({@code -1} when there was
 * none).
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Value of {@link #httpStatus()} and {@link #errorCode()} when there is none. */
  public static final int NONE = -1;

  private final String url;
  private final String subject;
  private final int httpStatus;
  private final int errorCode;

  /**
   * @param detail what went wrong
   * @param url registry base URL(s), without credentials
   * @param subject subject of the request, or {@code null}
   * @param httpStatus HTTP status, or {@link #NONE}
   * @param errorCode Confluent error code, or {@link #NONE}
   * @param cause underlying failure, or {@code null}
   */
  public SchemaRegistryException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(format(detail, url, subject, httpStatus, errorCode), cause);
    this.url = url;
    this.subject = subject;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  private static String format(
      String detail, String url, String subject, int httpStatus, int errorCode) {
    StringBuilder sb = new StringBuilder(detail).append(" [registry=").append(url);
    if (subject != null) {
      sb.append(", subject=").append(subject);
    }
    if (httpStatus != NONE) {
      sb.append(", status=").append(httpStatus);
    }
    if (errorCode != NONE) {
      sb.append(", error_code=").append(errorCode);
    }
    return sb.append(']').toString();
  }

  /** Registry base URL(s) the request was sent to, without credentials. */
  public String url() {
    return url;
  }

  /** Subject the request concerned, if any. */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** HTTP status of the response, or {@link #NONE} when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent {@code error_code} of the response body, or {@link #NONE}. */
  public int errorCode() {
    return errorCode;
  }
}
