package io.vigil.schemas.registry;

/**
 * The schema is not compatible with the subject's earlier versions under its compatibility level
 * (HTTP 409).
 */
public class IncompatibleSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public IncompatibleSchemaException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
