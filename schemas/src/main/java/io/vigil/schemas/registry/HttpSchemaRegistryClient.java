package io.vigil.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} speaking the Confluent Schema Registry 7.x REST protocol over {@link
 * HttpClient}, without caching (wrap it in {@link CachedSchemaRegistryClient}, or use {@link
 * SchemaRegistryClients#create}).
 *
 * <p>Every request carries {@code Accept} and, with a body, {@code Content-Type:
 * application/vnd.schemaregistry.v1+json}, plus a basic {@code Authorization} header when
 * credentials are configured. Connect failures, timeouts, HTTP 429 and 5xx are retried with
 * exponential backoff within the {@link RetryPolicy}'s time budget, moving to the next base URL on
 * each retry; any other error response is final and mapped to a typed {@link
 * SchemaRegistryException}.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  /** Content type of request bodies. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Accept header, the one Confluent's own client sends. */
  public static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json,"
          + " application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final RetryPolicy retryPolicy;
  private final HttpClient http;
  private final String endpointNames;

  /** A client for the given settings. */
  public HttpSchemaRegistryClient(RegistryClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.retryPolicy = config.retryPolicy();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.endpointNames =
        config.endpoints().stream()
            .map(RegistryEndpoint::toString)
            .collect(Collectors.joining(","));
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode response =
        call("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(schema), subject);
    return requiredInt(response, "id", subject);
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema schema) {
    return metadata(call("POST", "/subjects/" + segment(subject), schemaBody(schema), subject));
  }

  @Override
  public Schema schemaById(int id) {
    JsonNode response = call("GET", "/schemas/ids/" + id, null, null);
    String text = requiredText(response, "schema", null);
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new InvalidSchemaException(
          "schema id " + id + " is not a parsable Avro schema: " + e.getMessage(),
          endpointNames,
          null,
          SchemaRegistryException.NONE,
          SchemaRegistryException.NONE,
          e);
    }
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    call("GET", "/subjects", null, null).forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  @Override
  public List<Integer> versions(String subject) {
    return intList(call("GET", "/subjects/" + segment(subject) + "/versions", null, subject));
  }

  @Override
  public SchemaMetadata version(String subject, int version) {
    return metadata(
        call("GET", "/subjects/" + segment(subject) + "/versions/" + version, null, subject));
  }

  @Override
  public SchemaMetadata latestVersion(String subject) {
    return metadata(
        call("GET", "/subjects/" + segment(subject) + "/versions/latest", null, subject));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema, String version) {
    String path = "/compatibility/subjects/" + segment(subject) + "/versions/" + segment(version);
    JsonNode response = call("POST", path, schemaBody(schema), subject);
    JsonNode flag = response.get("is_compatible");
    if (flag == null || !flag.isBoolean()) {
      throw unexpected("is_compatible", subject);
    }
    return flag.booleanValue();
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return level(call("GET", "/config", null, null), "compatibilityLevel", null);
  }

  @Override
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    try {
      return Optional.of(
          level(
              call("GET", "/config/" + segment(subject), null, subject),
              "compatibilityLevel",
              subject));
    } catch (SchemaRegistryException e) {
      // 40408 (7.x) or 40401 (older): the subject follows the global level.
      if (e.errorCode() == RegistryErrors.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED
          || e.errorCode() == RegistryErrors.SUBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    call("PUT", "/config", compatibilityBody(level), null);
  }

  @Override
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    call("PUT", "/config/" + segment(subject), compatibilityBody(level), subject);
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    String path = "/subjects/" + segment(subject) + (permanent ? "?permanent=true" : "");
    return intList(call("DELETE", path, null, subject));
  }

  @Override
  public String endpoint() {
    return endpointNames;
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient[" + endpointNames + "]";
  }

  private JsonNode call(String method, String path, ObjectNode body, String subject) {
    String requestLine = method + " " + path;
    String bodyText = body == null ? null : body.toString();
    long start = System.nanoTime();
    List<RegistryEndpoint> endpoints = config.endpoints();
    for (int attempt = 0; ; attempt++) {
      RegistryEndpoint endpoint = endpoints.get(attempt % endpoints.size());
      SchemaRegistryException failure;
      try {
        HttpResponse<String> response =
            http.send(
                request(endpoint, method, path, bodyText),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return parse(response.body(), requestLine, endpoint, subject);
        }
        failure =
            RegistryErrors.fromResponse(
                JSON, requestLine, endpoint.toString(), subject, status, response.body());
        if (!RetryPolicy.isRetryableStatus(status)) {
          throw failure;
        }
      } catch (IOException e) {
        failure =
            new RegistryUnavailableException(
                requestLine + " failed: " + describe(e),
                endpoint.toString(),
                subject,
                SchemaRegistryException.NONE,
                SchemaRegistryException.NONE,
                e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            requestLine + " interrupted",
            endpoint.toString(),
            subject,
            SchemaRegistryException.NONE,
            SchemaRegistryException.NONE,
            e);
      }
      int retry = attempt + 1;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (!retryPolicy.allowsRetry(retry, elapsed)) {
        throw giveUp(requestLine, subject, failure, retry, elapsed);
      }
      Duration backoff = retryPolicy.backoff(retry);
      LOG.debug(
          "Retry {} of {} in {} ms after: {}",
          retry,
          requestLine,
          backoff.toMillis(),
          failure.getMessage());
      pause(backoff, requestLine, subject, failure);
    }
  }

  private HttpRequest request(
      RegistryEndpoint endpoint, String method, String path, String bodyText) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(endpoint.baseUri() + path))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT);
    config
        .credentialsFor(endpoint)
        .ifPresent(
            userInfo ->
                builder.header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
    if (bodyText == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(bodyText, StandardCharsets.UTF_8))
        .build();
  }

  private RegistryUnavailableException giveUp(
      String requestLine,
      String subject,
      SchemaRegistryException last,
      int attempts,
      Duration elapsed) {
    String reason =
        last.getCause() != null ? describe(last.getCause()) : "HTTP " + last.httpStatus();
    return new RegistryUnavailableException(
        "Schema Registry unavailable: "
            + requestLine
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt in " : " attempts in ")
            + elapsed.toMillis()
            + " ms; last error: "
            + reason,
        endpointNames,
        subject,
        last.httpStatus(),
        last.errorCode(),
        last);
  }

  private void pause(Duration backoff, String requestLine, String subject, Throwable failure) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RegistryUnavailableException interrupted =
          new RegistryUnavailableException(
              requestLine + " interrupted while waiting to retry",
              endpointNames,
              subject,
              SchemaRegistryException.NONE,
              SchemaRegistryException.NONE,
              e);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }

  private JsonNode parse(
      String body, String requestLine, RegistryEndpoint endpoint, String subject) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || node.isMissingNode()) {
        throw new SchemaRegistryException(
            requestLine + " returned an empty body",
            endpoint.toString(),
            subject,
            SchemaRegistryException.NONE,
            SchemaRegistryException.NONE,
            null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          requestLine + " returned a body that is not JSON: " + e.getOriginalMessage(),
          endpoint.toString(),
          subject,
          SchemaRegistryException.NONE,
          SchemaRegistryException.NONE,
          e);
    }
  }

  private static ObjectNode schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString());
  }

  private static ObjectNode compatibilityBody(CompatibilityLevel level) {
    return JSON.createObjectNode().put("compatibility", level.name());
  }

  private SchemaMetadata metadata(JsonNode node) {
    String subject = requiredText(node, "subject", null);
    return new SchemaMetadata(
        subject,
        requiredInt(node, "id", subject),
        requiredInt(node, "version", subject),
        requiredText(node, "schema", subject));
  }

  private CompatibilityLevel level(JsonNode node, String field, String subject) {
    String text = requiredText(node, field, subject);
    try {
      return CompatibilityLevel.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw unexpected(field + "=" + text, subject);
    }
  }

  private List<Integer> intList(JsonNode node) {
    if (!node.isArray()) {
      throw unexpected("array of versions", null);
    }
    List<Integer> values = new ArrayList<>();
    node.forEach(v -> values.add(v.asInt()));
    return List.copyOf(values);
  }

  private int requiredInt(JsonNode node, String field, String subject) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw unexpected(field, subject);
    }
    return value.intValue();
  }

  private String requiredText(JsonNode node, String field, String subject) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw unexpected(field, subject);
    }
    return value.textValue();
  }

  private SchemaRegistryException unexpected(String expected, String subject) {
    return new SchemaRegistryException(
        "unexpected response: missing or invalid '" + expected + "'",
        endpointNames,
        subject,
        SchemaRegistryException.NONE,
        SchemaRegistryException.NONE,
        null);
  }

  /** Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are). */
  static String segment(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String describe(Throwable e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    String message = null;
    for (Throwable t = e; t != null && message == null; t = t.getCause()) {
      message = t.getMessage();
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
