package io.vigil.schemas.registry;

/**
 * The registry refused the credentials (HTTP 401) or the access (HTTP 403); check {@code
 * basic.auth.user.info}.
 */
public class RegistryAuthenticationException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public RegistryAuthenticationException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
