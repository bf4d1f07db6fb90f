package io.vigil.schemas.registry;

/**
 * The registry cannot parse the schema, or does not accept its type (Confluent error code 42201).
 */
public class InvalidSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public InvalidSchemaException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
