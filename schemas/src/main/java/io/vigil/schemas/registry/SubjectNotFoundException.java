package io.vigil.schemas.registry;

/** The subject does not exist (Confluent error code 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  /** See {@link SchemaRegistryException#SchemaRegistryException}. */
  public SubjectNotFoundException(
      String detail, String url, String subject, int httpStatus, int errorCode, Throwable cause) {
    super(detail, url, subject, httpStatus, errorCode, cause);
  }
}
