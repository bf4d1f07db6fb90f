package io.vigil.schemas.registry;

/**
 * The registry could not be reached, timed out, or kept answering with a server error (5xx) or 429
 * until the retry budget was spent. Retrying later may succeed.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public RegistryUnavailableException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
