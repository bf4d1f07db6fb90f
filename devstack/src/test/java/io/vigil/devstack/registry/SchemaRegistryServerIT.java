package io.vigil.devstack.registry;

import static io.vigil.devstack.registry.RegistryHttp.levelBody;
import static io.vigil.devstack.registry.RegistryHttp.schemaBody;
import static io.vigil.devstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.devstack.SharedStack;
import io.vigil.devstack.registry.RegistryHttp.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The registry's wire protocol, spoken raw over HTTP, against a registry on the shared broker. The
 * class's registry has its own topic (so global-config tests cannot leak into the stack's
 * registry); every test uses its own subjects.
 */
class SchemaRegistryServerIT {

  private static final String V1 = record("Order", "id:string");
  private static final String V2_WITH_DEFAULT = record("Order", "id:string", "qty:int=1");
  private static final String V2_WITHOUT_DEFAULT = record("Order", "id:string", "qty:int");

  private static String bootstrap;
  private static SchemaRegistryServer server;
  private static RegistryHttp http;
  private String subject;

  @BeforeAll
  static void startRegistry() {
    bootstrap = SharedStack.get().bootstrapServers();
    server = SchemaRegistryServer.start(bootstrap, 0, uniqueTopic());
    http = new RegistryHttp(server.url());
  }

  @AfterAll
  static void stopRegistry() {
    server.close();
  }

  @BeforeEach
  void uniqueSubject(TestInfo info) {
    subject =
        info.getTestMethod().orElseThrow().getName()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "-value";
  }

  @Test
  void shouldReturnSameIdWhenSameSchemaIsRegisteredAgain() {
    // Given
    int id = register(subject, V1);

    // When: the same schema, reformatted
    Response again = http.post(versionsPath(subject), schemaBody(V1.replace(",", ", ")));

    // Then
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.contentType()).startsWith(RegistryHttp.REGISTRY_JSON);
    assertThat(again.json().get("id").asInt()).isEqualTo(id);
    assertThat(http.get(versionsPath(subject)).json()).hasSize(1);
  }

  @Test
  void shouldReuseGlobalIdWhenSameSchemaIsRegisteredUnderAnotherSubject() {
    // Given
    int id = register(subject, V1);

    // When
    int otherId = register("other-" + subject, V1);

    // Then
    assertThat(otherId).isEqualTo(id);
  }

  @Test
  void shouldReturnSchemaWhenLookedUpById() {
    // Given
    int id = register(subject, V2_WITH_DEFAULT);

    // When
    Response response = http.get("/schemas/ids/" + id);

    // Then
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().fieldNames()).toIterable().containsExactly("schema");
    assertThat(avro(response.json().get("schema").asText())).isEqualTo(avro(V2_WITH_DEFAULT));
  }

  @Test
  void shouldFindSubjectVersionWhenLookingUpRegisteredSchema() {
    // Given
    int id = register(subject, V1);
    register(subject, V2_WITH_DEFAULT);

    // When
    Response found = http.post("/subjects/" + subject, schemaBody(V1));
    Response unknownSchema =
        http.post("/subjects/" + subject, schemaBody(record("Other", "x:long")));
    Response unknownSubject = http.post("/subjects/missing-" + subject, schemaBody(V1));

    // Then
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("subject").asText()).isEqualTo(subject);
    assertThat(found.json().get("version").asInt()).isEqualTo(1);
    assertThat(found.json().get("id").asInt()).isEqualTo(id);
    assertThat(avro(found.json().get("schema").asText())).isEqualTo(avro(V1));
    assertError(unknownSchema, 404, 40403);
    assertError(unknownSubject, 404, 40401);
  }

  @Test
  void shouldListVersionsAndServeLatestWhenSubjectEvolves() {
    // Given
    register(subject, V1);
    int v2Id = register(subject, V2_WITH_DEFAULT);

    // When
    Response versions = http.get(versionsPath(subject));
    Response latest = http.get(versionsPath(subject) + "/latest");
    Response minusOne = http.get(versionsPath(subject) + "/-1");
    Response first = http.get(versionsPath(subject) + "/1");

    // Then
    assertThat(versions.json()).extracting(JsonNode::asInt).containsExactly(1, 2);
    assertThat(latest.json().get("version").asInt()).isEqualTo(2);
    assertThat(latest.json().get("id").asInt()).isEqualTo(v2Id);
    assertThat(latest.json().get("subject").asText()).isEqualTo(subject);
    assertThat(minusOne.json()).isEqualTo(latest.json());
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).contains(subject);
  }

  @Test
  void shouldRejectWith409WhenFieldWithoutDefaultIsAddedUnderBackward() {
    // Given
    register(subject, V1);

    // When
    Response response = http.post(versionsPath(subject), schemaBody(V2_WITHOUT_DEFAULT));

    // Then
    assertError(response, 409, 409);
    assertThat(response.json().get("message").asText())
        .contains("incompatible with an earlier schema for subject \"" + subject + "\"")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("'qty'");
    assertThat(http.get(versionsPath(subject)).json()).hasSize(1);
  }

  @Test
  void shouldReportCompatibilityWhenCheckingAgainstLatestVersion() {
    // Given
    register(subject, V1);
    String path = "/compatibility/subjects/" + subject + "/versions/latest";

    // When
    Response compatible = http.post(path, schemaBody(V2_WITH_DEFAULT));
    Response incompatible = http.post(path + "?verbose=true", schemaBody(V2_WITHOUT_DEFAULT));
    Response noSubject =
        http.post("/compatibility/subjects/none-" + subject + "/versions/latest", schemaBody(V1));
    Response unknownVersion =
        http.post("/compatibility/subjects/" + subject + "/versions/7", schemaBody(V1));

    // Then
    assertThat(compatible.status()).isEqualTo(200);
    assertThat(compatible.json().get("is_compatible").asBoolean()).isTrue();
    assertThat(compatible.json().has("messages")).isFalse();
    assertThat(incompatible.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(incompatible.json().get("messages").toString())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(noSubject.json().get("is_compatible").asBoolean()).isTrue();
    assertError(unknownVersion, 404, 40402);
  }

  @Test
  void shouldReadAndChangeGlobalLevelWhenConfigIsPut() {
    try {
      // Given
      assertThat(http.get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("BACKWARD");

      // When
      Response put = http.put("/config", levelBody("FULL"));

      // Then
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().get("compatibility").asText()).isEqualTo("FULL");
      assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
    } finally {
      http.put("/config", levelBody("BACKWARD"));
    }
  }

  @Test
  void shouldApplySubjectLevelWhenSubjectConfigIsPut() {
    // Given
    register(subject, V1);
    Response before = http.get("/config/" + subject);
    Response defaulted = http.get("/config/" + subject + "?defaultToGlobal=true");

    // When
    Response put = http.put("/config/" + subject, levelBody("none"));
    Response registered = http.post(versionsPath(subject), schemaBody(V2_WITHOUT_DEFAULT));

    // Then
    assertError(before, 404, 40408);
    assertThat(defaulted.json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(put.json().get("compatibility").asText()).isEqualTo("NONE");
    assertThat(http.get("/config/" + subject).json().get("compatibilityLevel").asText())
        .isEqualTo("NONE");
    assertThat(registered.status()).isEqualTo(200);
  }

  @Test
  void shouldRejectWith42203WhenCompatibilityLevelIsInvalid() {
    // When
    Response global = http.put("/config", levelBody("SIDEWAYS"));
    Response perSubject = http.put("/config/" + subject, levelBody("SIDEWAYS"));

    // Then
    assertError(global, 422, 42203);
    assertError(perSubject, 422, 42203);
  }

  @Test
  void shouldAnswerConfluentNotFoundCodesWhenSubjectVersionOrIdIsUnknown() {
    // Given
    register(subject, V1);

    // When
    Response unknownSubject = http.get(versionsPath("missing-" + subject));
    Response unknownVersion = http.get(versionsPath(subject) + "/9");
    Response unknownId = http.get("/schemas/ids/987654");
    Response invalidVersion = http.get(versionsPath(subject) + "/abc");

    // Then
    assertError(unknownSubject, 404, 40401);
    assertError(unknownVersion, 404, 40402);
    assertError(unknownId, 404, 40403);
    assertError(invalidVersion, 422, 42202);
  }

  @Test
  void shouldRejectWith42201WhenSchemaIsNotValidAvro() {
    // When
    Response response =
        http.post(versionsPath(subject), schemaBody("{\"type\":\"record\",\"name\":\"X\"}"));
    Response notJson = http.post(versionsPath(subject), schemaBody("{not avro"));

    // Then
    assertError(response, 422, 42201);
    assertError(notJson, 422, 42201);
  }

  @Test
  void shouldAnswerJsonErrorWithoutStackTraceWhenRequestIsMalformed() {
    // When
    Response malformed = http.post(versionsPath(subject), "{\"schema\": ");
    Response unknownPath = http.get("/no/such/endpoint");
    Response wrongType = http.post(versionsPath(subject), schemaBody(V1), "text/plain");
    Response badUri = http.raw("GET /subjects/%zz/versions HTTP/1.1");
    Response wrongMethod = http.raw("PATCH /config HTTP/1.1");

    // Then
    assertError(malformed, 400, 400);
    assertError(unknownPath, 404, 404);
    assertError(wrongType, 415, 415);
    assertError(badUri, 400, 400);
    assertError(wrongMethod, 405, 405);
    for (Response r : List.of(malformed, unknownPath, wrongType, badUri, wrongMethod)) {
      assertThat(r.body()).doesNotContain("\tat ", "Exception", "<html");
    }
  }

  @Test
  void shouldSoftThenPermanentlyDeleteWhenSubjectIsDeleted() {
    // Given
    int id = register(subject, V1);
    register(subject, V2_WITH_DEFAULT);

    // When
    Response permanentFirst = http.delete("/subjects/" + subject + "?permanent=true");
    Response soft = http.delete("/subjects/" + subject);

    // Then: soft-deleted versions are hidden but their schemas stay readable by id
    assertError(permanentFirst, 404, 40405);
    assertThat(soft.status()).isEqualTo(200);
    assertThat(soft.json()).extracting(JsonNode::asInt).containsExactly(1, 2);
    assertError(http.get(versionsPath(subject)), 404, 40401);
    assertThat(http.get("/subjects").json()).extracting(JsonNode::asText).doesNotContain(subject);
    assertThat(http.get("/subjects?deleted=true").json())
        .extracting(JsonNode::asText)
        .contains(subject);
    assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
    assertError(http.delete("/subjects/" + subject), 404, 40404);

    // When
    Response permanent = http.delete("/subjects/" + subject + "?permanent=true");

    // Then
    assertThat(permanent.json()).extracting(JsonNode::asInt).containsExactly(1, 2);
    assertError(http.get(versionsPath(subject) + "?deleted=true"), 404, 40401);
    assertThat(http.get("/subjects?deleted=true").json())
        .extracting(JsonNode::asText)
        .doesNotContain(subject);
    assertError(http.delete("/subjects/" + subject), 404, 40401);
  }

  @Test
  void shouldKeepIdsVersionsAndConfigWhenRestartedOnSameTopic() {
    // Given
    String topic = uniqueTopic();
    int v1;
    int v2;
    try (SchemaRegistryServer first = SchemaRegistryServer.start(bootstrap, 0, topic)) {
      RegistryHttp before = new RegistryHttp(first.url());
      v1 = register(before, subject, V1);
      v2 = register(before, subject, V2_WITH_DEFAULT);
      before.put("/config/" + subject, levelBody("FULL"));
      before.put("/config", levelBody("FORWARD"));
    }

    // When
    try (SchemaRegistryServer second = SchemaRegistryServer.start(bootstrap, 0, topic)) {
      RegistryHttp after = new RegistryHttp(second.url());

      // Then
      assertThat(after.get(versionsPath(subject)).json())
          .extracting(JsonNode::asInt)
          .containsExactly(1, 2);
      assertThat(after.get(versionsPath(subject) + "/2").json().get("id").asInt()).isEqualTo(v2);
      assertThat(avro(after.get("/schemas/ids/" + v1).json().get("schema").asText()))
          .isEqualTo(avro(V1));
      assertThat(after.get("/config/" + subject).json().get("compatibilityLevel").asText())
          .isEqualTo("FULL");
      assertThat(after.get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("FORWARD");
      int next = register(after, "next-" + subject, record("Fresh", "x:long"));
      assertThat(next).isEqualTo(Math.max(v1, v2) + 1);
    }
  }

  @Test
  void shouldFenceOlderInstanceWhenAnotherStartsOnSameTopic() {
    // Given
    String topic = uniqueTopic();
    try (SchemaRegistryServer older = SchemaRegistryServer.start(bootstrap, 0, topic)) {
      RegistryHttp olderHttp = new RegistryHttp(older.url());
      register(olderHttp, subject, V1);

      // When
      try (SchemaRegistryServer newer = SchemaRegistryServer.start(bootstrap, 0, topic)) {
        Response write = olderHttp.post(versionsPath(subject), schemaBody(V2_WITH_DEFAULT));

        // Then
        assertError(write, 500, 50001);
        assertThat(olderHttp.get("/health").status()).isEqualTo(503);
        RegistryHttp newerHttp = new RegistryHttp(newer.url());
        assertThat(newerHttp.get("/health").status()).isEqualTo(200);
        assertThat(register(newerHttp, subject, V2_WITH_DEFAULT)).isPositive();
        assertThat(newerHttp.get(versionsPath(subject)).json()).hasSize(2);
      }
    }
  }

  @Test
  void shouldAnswerEmptyObjectAndHealthWhenRootAndHealthAreRequested() {
    // When
    Response root = http.get("/");
    Response health = http.get("/health");

    // Then
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.body()).isEqualTo("{}");
    assertThat(health.status()).isEqualTo(200);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static int register(String subject, String schema) {
    return register(http, subject, schema);
  }

  private static int register(RegistryHttp client, String subject, String schema) {
    Response response = client.post(versionsPath(subject), schemaBody(schema));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("id").asInt();
  }

  private static String versionsPath(String subject) {
    return "/subjects/" + subject + "/versions";
  }

  private static void assertError(Response response, int status, int errorCode) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith(RegistryHttp.REGISTRY_JSON);
    JsonNode json = response.json();
    assertThat(json.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
    assertThat(json.get("message").asText()).isNotBlank();
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("error_code", "message");
  }

  private static org.apache.avro.Schema avro(String schema) {
    return new org.apache.avro.Schema.Parser().parse(schema);
  }

  private static String uniqueTopic() {
    return "_schemas-it-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
