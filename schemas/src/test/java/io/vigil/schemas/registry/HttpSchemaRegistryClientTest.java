package io.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.testing.FakeRegistryServer;
import io.vigil.schemas.testing.FakeRegistryServer.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact requests and response parsing, against a real HTTP peer on 127.0.0.1. */
class HttpSchemaRegistryClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA = OrderEvent.getClassSchema();
  private static final String SUBJECT = "orders.events-value";

  private FakeRegistryServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeRegistryServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put("schema.registry.url", server.url());
    config.put("retries.wait.ms", 1);
    config.putAll(extra);
    return new HttpSchemaRegistryClient(new RegistryClientConfig(config));
  }

  private HttpSchemaRegistryClient client() {
    return client(Map.of());
  }

  private Recorded onlyRequest() {
    assertThat(server.requests()).hasSize(1);
    return server.requests().get(0);
  }

  @Test
  void shouldPostSchemaWithConfluentContentTypeWhenRegistering() throws IOException {
    // Given
    server.answer("POST", "/subjects/orders.events-value/versions", 200, "{\"id\":7}");

    // When
    int id = client().register(SUBJECT, SCHEMA);

    // Then
    assertThat(id).isEqualTo(7);
    Recorded request = onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Authorization")).isNull();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
  }

  @Test
  void shouldParseSubjectIdVersionAndSchemaWhenLookingUp() {
    // Given
    server.answer(
        "POST",
        "/subjects/orders.events-value",
        200,
        "{\"subject\":\"orders.events-value\",\"id\":3,\"version\":2,\"schema\":\"\\\"string\\\"\"}");

    // When
    SchemaMetadata found = client().lookup(SUBJECT, SCHEMA);

    // Then
    assertThat(found).isEqualTo(new SchemaMetadata(SUBJECT, 3, 2, "\"string\""));
    assertThat(found.avroSchema()).isEqualTo(Schema.create(Schema.Type.STRING));
    assertThat(onlyRequest().header("Content-Type"))
        .isEqualTo(HttpSchemaRegistryClient.CONTENT_TYPE);
  }

  @Test
  void shouldGetAndParseSchemaWhenFetchingById() {
    // Given
    server.answer("GET", "/schemas/ids/5", 200, "{\"schema\":\"\\\"long\\\"\"}");

    // When
    Schema schema = client().schemaById(5);

    // Then
    assertThat(schema.getType()).isEqualTo(Schema.Type.LONG);
    Recorded request = onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.header("Content-Type")).isNull();
  }

  @Test
  void shouldReadListsAndVersionsWhenBrowsingSubjects() {
    // Given
    server
        .answer("GET", "/subjects", 200, "[\"a-value\",\"b-value\"]")
        .answer("GET", "/subjects/a-value/versions", 200, "[1,2,3]")
        .answer(
            "GET",
            "/subjects/a-value/versions/2",
            200,
            "{\"subject\":\"a-value\",\"id\":11,\"version\":2,\"schema\":\"\\\"int\\\"\"}")
        .answer(
            "GET",
            "/subjects/a-value/versions/latest",
            200,
            "{\"subject\":\"a-value\",\"id\":12,\"version\":3,\"schema\":\"\\\"int\\\"\"}");
    HttpSchemaRegistryClient client = client();

    // When / Then
    assertThat(client.subjects()).containsExactly("a-value", "b-value");
    assertThat(client.versions("a-value")).containsExactly(1, 2, 3);
    assertThat(client.version("a-value", 2).id()).isEqualTo(11);
    assertThat(client.latestVersion("a-value").version()).isEqualTo(3);
  }

  @Test
  void shouldPostToCompatibilityResourceWhenCheckingCompatibility() throws IOException {
    // Given
    server.answer(
        "POST",
        "/compatibility/subjects/orders.events-value/versions/latest",
        200,
        "{\"is_compatible\":false}");

    // When
    boolean compatible = client().isCompatible(SUBJECT, SCHEMA, "latest");

    // Then
    assertThat(compatible).isFalse();
    assertThat(JSON.readTree(onlyRequest().body()).has("schema")).isTrue();
  }

  @Test
  void shouldReadCompatibilityLevelAndPutCompatibilityWhenManagingConfig() throws IOException {
    // Given
    server
        .answer("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
        .answer("PUT", "/config/orders.events-value", 200, "{\"compatibility\":\"FULL\"}")
        .answer("GET", "/config/orders.events-value", 200, "{\"compatibilityLevel\":\"FULL\"}");
    HttpSchemaRegistryClient client = client();

    // When
    CompatibilityLevel global = client.globalCompatibility();
    client.setSubjectCompatibility(SUBJECT, CompatibilityLevel.FULL);
    var subjectLevel = client.subjectCompatibility(SUBJECT);

    // Then
    assertThat(global).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(subjectLevel).contains(CompatibilityLevel.FULL);
    Recorded put = server.requests().get(1);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree("{\"compatibility\":\"FULL\"}"));
  }

  @Test
  void shouldReportNoSubjectLevelWhenRegistryAnswers40408() {
    // Given
    server.answer(
        "GET",
        "/config/orders.events-value",
        404,
        "{\"error_code\":40408,\"message\":\"Subject 'orders.events-value' does not have subject-level compatibility configured\"}");

    // When / Then
    assertThat(client().subjectCompatibility(SUBJECT)).isEmpty();
  }

  @Test
  void shouldSendPermanentFlagWhenHardDeletingSubject() {
    // Given
    server.answer("DELETE", "/subjects/orders.events-value?permanent=true", 200, "[1,2]");

    // When
    var deleted = client().deleteSubject(SUBJECT, true);

    // Then
    assertThat(deleted).containsExactly(1, 2);
    assertThat(onlyRequest().method()).isEqualTo("DELETE");
  }

  @Test
  void shouldPercentEncodeSubjectWhenItHasReservedCharacters() {
    // Given
    server.answer("GET", "/subjects/a%2Fb%20c/versions", 200, "[1]");

    // When / Then
    assertThat(client().versions("a/b c")).containsExactly(1);
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "404|40401|Subject 'orders.events-value' not found.|SubjectNotFoundException",
        "404|40402|Version 9 not found.|VersionNotFoundException",
        "404|40403|Schema not found|SchemaNotFoundException",
        "409|409|Schema being registered is incompatible with an earlier schema|IncompatibleSchemaException",
        "422|42201|Invalid schema|InvalidSchemaException",
        "422|42202|Invalid version|SchemaRegistryException",
        "422|42203|Invalid compatibility level|SchemaRegistryException",
        "401|401|Unauthorized|RegistryAuthenticationException",
      })
  void shouldThrowTypedExceptionNamingUrlAndSubjectWhenRegistryAnswersError(
      int status, int errorCode, String message, String exceptionType) {
    // Given
    server.answer(
        "POST",
        "/subjects/orders.events-value/versions",
        status,
        "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}");

    // When / Then
    assertThatThrownBy(() -> client().register(SUBJECT, SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.getClass().getSimpleName()).isEqualTo(exceptionType);
              assertThat(e.httpStatus()).isEqualTo(status);
              assertThat(e.errorCode()).isEqualTo(errorCode);
              assertThat(e.subject()).contains(SUBJECT);
              assertThat(e.url()).isEqualTo(server.url());
              assertThat(e.getMessage())
                  .contains(message)
                  .contains(server.url())
                  .contains("subject=" + SUBJECT);
            });
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void shouldKeepRawTextWhenErrorBodyIsNotConfluentJson() {
    // Given: e.g. a reverse proxy in front of the registry
    server.answer("GET", "/subjects", 404, "<html>Not Found</html>");

    // When / Then
    assertThatThrownBy(() -> client().subjects())
        .isExactlyInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("<html>Not Found</html>")
        .hasMessageContaining("status=404");
  }

  @Test
  void shouldRetryAndSucceedWhenServerErrorsAreTransient() {
    // Given
    server
        .answer(
            "GET",
            "/schemas/ids/1",
            503,
            "{\"error_code\":50003,\"message\":\"Error while forwarding\"}")
        .answer("GET", "/schemas/ids/1", 429, "")
        .answer("GET", "/schemas/ids/1", 200, "{\"schema\":\"\\\"int\\\"\"}");

    // When
    Schema schema = client().schemaById(1);

    // Then
    assertThat(schema.getType()).isEqualTo(Schema.Type.INT);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void shouldGiveUpWithUnavailableWhenServerErrorsPersist() {
    // Given
    server.answer(
        "GET",
        "/schemas/ids/1",
        500,
        "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");

    // When / Then
    assertThatThrownBy(() -> client(Map.of("max.retries", 2)).schemaById(1))
        .isInstanceOfSatisfying(
            RegistryUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.errorCode()).isEqualTo(50001);
              assertThat(e.getMessage()).contains("3 attempts").contains(server.url());
            });
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void shouldSendBasicAuthWhenCredentialsSourceIsUserInfo() {
    // Given
    server.answer("GET", "/subjects", 200, "[]");
    HttpSchemaRegistryClient client =
        client(
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "alice:s3cret"));

    // When
    client.subjects();

    // Then
    assertThat(onlyRequest().header("Authorization")).isEqualTo(basic("alice:s3cret"));
  }

  @Test
  void shouldSendUrlCredentialsButNeverShowThemWhenUrlHasUserInfo() {
    // Given
    server.answer("GET", "/subjects", 500, "{\"error_code\":50001,\"message\":\"down\"}");
    String url = server.url().replace("http://", "http://bob:p%40ss@");
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(
            new RegistryClientConfig(
                Map.of("schema.registry.url", url, "retries.wait.ms", 1, "max.retries", 0)));

    // When / Then
    assertThatThrownBy(client::subjects)
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(server.url())
        .hasMessageNotContaining("p@ss")
        .hasMessageNotContaining("bob");
    assertThat(onlyRequest().header("Authorization")).isEqualTo(basic("bob:p@ss"));
  }

  @Test
  void shouldFallBackToNextUrlWhenFirstIsUnreachable() {
    // Given
    server.answer("GET", "/subjects", 200, "[\"x\"]");
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(
            new RegistryClientConfig(
                Map.of(
                    "schema.registry.url",
                    "http://127.0.0.1:1," + server.url(),
                    "retries.wait.ms",
                    1)));

    // When / Then
    assertThat(client.subjects()).containsExactly("x");
  }

  @Test
  void shouldFailFastNamingUrlWhenRegistryIsUnreachable() {
    // Given: nothing listens on port 1; default retry settings
    HttpSchemaRegistryClient client =
        new HttpSchemaRegistryClient(RegistryClientConfig.forUrl("http://127.0.0.1:1"));
    long start = System.nanoTime();

    // When / Then
    assertThatThrownBy(() -> client.register(SUBJECT, SCHEMA))
        .isInstanceOfSatisfying(
            RegistryUnavailableException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("http://127.0.0.1:1")
                  .contains("subject=" + SUBJECT)
                  .contains("4 attempts");
              assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NONE);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
