package io.vigil.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Maps a Confluent error response ({@code {"error_code", "message"}}) to a typed exception. */
final class RegistryErrors {

  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
  static final int INVALID_SCHEMA = 42201;

  private static final int MAX_BODY_IN_MESSAGE = 300;

  private RegistryErrors() {}

  /**
   * The exception for an error response.
   *
   * @param request e.g. {@code "GET /subjects/x/versions"}
   */
  static SchemaRegistryException fromResponse(
      ObjectMapper json, String request, String url, String subject, int status, String body) {
    int errorCode = SchemaRegistryException.NONE;
    String message = abbreviate(body);
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject() && node.has("error_code")) {
        errorCode = node.get("error_code").asInt(SchemaRegistryException.NONE);
        message = node.path("message").asText(message);
      }
    } catch (java.io.IOException | RuntimeException notJson) {
      // Not a Confluent error body (e.g. a proxy's HTML page): keep the raw, abbreviated text.
    }
    String detail = request + " failed: " + (message.isBlank() ? "HTTP " + status : message);
    if (errorCode == SUBJECT_NOT_FOUND) {
      return new SubjectNotFoundException(detail, url, subject, status, errorCode, null);
    }
    if (errorCode == VERSION_NOT_FOUND) {
      return new VersionNotFoundException(detail, url, subject, status, errorCode, null);
    }
    if (errorCode == SCHEMA_NOT_FOUND) {
      return new SchemaNotFoundException(detail, url, subject, status, errorCode, null);
    }
    if (status == 409) {
      return new IncompatibleSchemaException(detail, url, subject, status, errorCode, null);
    }
    if (errorCode == INVALID_SCHEMA) {
      return new InvalidSchemaException(detail, url, subject, status, errorCode, null);
    }
    if (status == 401 || status == 403) {
      return new RegistryAuthenticationException(detail, url, subject, status, errorCode, null);
    }
    if (RetryPolicy.isRetryableStatus(status)) {
      return new RegistryUnavailableException(detail, url, subject, status, errorCode, null);
    }
    return new SchemaRegistryException(detail, url, subject, status, errorCode, null);
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= MAX_BODY_IN_MESSAGE
        ? text
        : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
