package io.vigil.schemas.registry;

/**
 * The schema id is unknown, or the schema is not registered under the subject (Confluent error code
 * 40403).
 */
public class SchemaNotFoundException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public SchemaNotFoundException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
