package io.vigil.analytics.model;

/**
 * Thrown when bytes are not a model bundle this build can use: wrong magic, unknown format version,
 * a feature schema other than the expected one, or a payload that fails to deserialize.
 */
public class IncompatibleModelException extends RuntimeException {
  public IncompatibleModelException(String message) {
    super(message);
  }

  public IncompatibleModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
