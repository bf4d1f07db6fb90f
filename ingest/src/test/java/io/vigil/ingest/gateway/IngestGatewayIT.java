package io.vigil.ingest.gateway;

import static io.vigil.ingest.testing.StackSupport.config;
import static io.vigil.ingest.testing.StackSupport.create;
import static io.vigil.ingest.testing.StackSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.testing.Http;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The gateway over real HTTP, writing to the real broker and registry. */
@VigilStack
class IngestGatewayIT {

  private static final String KEY = "acme-secret-1";
  private static final String OTHER_KEY = "beta-secret-2";

  private IngestConfig config;
  private IngestGateway gateway;
  private Http http;
  private String orders;
  private Topic<String, OrderEvent> catalogOrders;

  @BeforeEach
  void startGateway(StackEndpoints stack, TestInfo info) {
    orders = TestNames.unique(info) + ".orders";
    config =
        config(
            stack,
            Map.of(
                IngestConfig.GATEWAY_PORT_CONFIG,
                "0",
                IngestConfig.GATEWAY_TOPICS_CONFIG,
                orders + "=orders.events",
                IngestConfig.GATEWAY_API_KEYS_CONFIG,
                "acme:" + KEY + ":" + orders + "|telemetry.*,beta:" + OTHER_KEY + ":other.*",
                IngestConfig.GATEWAY_MAX_BODY_BYTES_CONFIG,
                "65536"));
    create(config, new NewTopic(orders, 3, (short) 1));
    catalogOrders = TopicCatalog.from(config).orderEvents();
    gateway = IngestGateway.start(config);
    http = new Http(gateway.url());
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health").statusCode() == 200);
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  @Test
  void shouldWriteAvroRecordsKeyedByOrderIdWhenJsonEventsAreValid() {
    // Given two order events in natural JSON, one without eventId/occurredAt
    String body =
        "["
            + placed("o-1", "2", "9.99")
            + ","
            + """
            {"orderId": "o-2", "payload": {"reason": "out of stock"}}
            """
            + "]";

    // When they are posted with the tenant's key
    HttpResponse<byte[]> response =
        http.post(
            "/v1/events/" + orders,
            body,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + KEY);

    // Then the answer comes after Kafka committed both, with their event ids
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
    JsonNode answer = Http.json(response);
    assertThat(answer.get("accepted").asInt()).isEqualTo(2);
    List<ConsumerRecord<byte[], byte[]>> records = readAll(config, orders);
    assertThat(records).hasSize(2);
    List<OrderEvent> events =
        records.stream()
            .map(r -> catalogOrders.valueSerde().deserializer().deserialize(orders, r.value()))
            .toList();
    OrderEvent first = events.stream().filter(e -> e.getOrderId().equals("o-1")).findFirst().get();
    assertThat(first.getEventId()).isEqualTo("7d1c7c2e-1111-4c8a-9a53-0e5b5f0c9d11");
    assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(((OrderPlaced) first.getPayload()).getTotal()).isEqualByComparingTo("19.98");
    OrderEvent second = events.stream().filter(e -> e.getOrderId().equals("o-2")).findFirst().get();
    assertThat(answer.get("eventIds").get(1).asText()).isEqualTo(second.getEventId());
    assertThat(records)
        .allSatisfy(
            r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isIn("o-1", "o-2"));
  }

  @Test
  void shouldWriteNothingWhenOneEventOfTheBatchIsInvalid() {
    // Given a batch whose third event has a wrong nested value
    String body =
        "["
            + placed("o-1", "1", "1.00")
            + ","
            + placed("o-2", "1", "1.00")
            + ","
            + placed("o-3", "\"two\"", "1.00")
            + "]";

    HttpResponse<byte[]> response =
        http.post(
            "/v1/events/" + orders, body, "Content-Type", "application/json", "X-API-Key", KEY);

    // Then the answer names the failing value, and not one record is visible
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = Http.json(response);
    assertThat(error.get("error").asText()).isEqualTo("schema_mismatch");
    assertThat(error.get("path").asText()).isEqualTo("$[2].payload.lines[0].quantity");
    assertThat(error.get("reason").asText()).contains("integer");
    assertThat(readAll(config, orders)).isEmpty();
  }

  @Test
  void shouldAnswerTheDocumentedClientErrorWhenInputIsBad() {
    String valid = placed("o-1", "1", "1.00");
    String json = "application/json";
    record Case(String name, HttpResponse<byte[]> response, int status, String error) {}
    List<Case> cases =
        List.of(
            new Case(
                "malformed JSON",
                http.post(events(), "{\"orderId\": ", "Content-Type", json, "X-API-Key", KEY),
                400,
                "malformed_json"),
            new Case(
                "schema mismatch",
                http.post(events(), "{\"orderId\": 5}", "Content-Type", json, "X-API-Key", KEY),
                400,
                "schema_mismatch"),
            new Case(
                "unknown topic",
                http.post(
                    "/v1/events/telemetry.nope", valid, "Content-Type", json, "X-API-Key", KEY),
                404,
                "unknown_topic"),
            new Case(
                "wrong content type",
                http.post(events(), valid, "Content-Type", "text/plain", "X-API-Key", KEY),
                415,
                "unsupported_media_type"),
            new Case(
                "oversize",
                http.post(
                    events(),
                    "[" + String.join(",", java.util.Collections.nCopies(400, valid)) + "]",
                    "Content-Type",
                    json,
                    "X-API-Key",
                    KEY),
                413,
                "payload_too_large"),
            new Case(
                "oversize after gzip",
                http.post(
                    events(),
                    Http.gzip("[" + " ".repeat(200_000) + "]"),
                    "Content-Type",
                    json,
                    "Content-Encoding",
                    "gzip",
                    "X-API-Key",
                    KEY),
                413,
                "payload_too_large"),
            new Case(
                "bad gzip",
                http.post(
                    events(),
                    Arrays.copyOf(Http.gzip(valid), 12),
                    "Content-Type",
                    json,
                    "Content-Encoding",
                    "gzip",
                    "X-API-Key",
                    KEY),
                400,
                "bad_encoding"),
            new Case(
                "no API key",
                http.post(events(), valid, "Content-Type", json),
                401,
                "unauthorized"),
            new Case(
                "invalid API key",
                http.post(events(), valid, "Content-Type", json, "X-API-Key", "guess"),
                401,
                "unauthorized"),
            new Case(
                "key not allowed for the topic",
                http.post(events(), valid, "Content-Type", json, "X-API-Key", OTHER_KEY),
                403,
                "forbidden"),
            new Case(
                "unknown endpoint",
                http.post("/v2/nothing", valid, "Content-Type", json),
                404,
                "not_found"));

    for (Case c : cases) {
      assertThat(c.response().statusCode())
          .as(c.name() + ": " + Http.text(c.response()))
          .isEqualTo(c.status());
      assertThat(c.response().headers().firstValue("Content-Type"))
          .get()
          .asString()
          .as(c.name())
          .startsWith("application/json");
      JsonNode body = Http.json(c.response());
      assertThat(body.get("error").asText()).as(c.name()).isEqualTo(c.error());
      assertThat(body.get("reason").asText()).as(c.name()).isNotBlank();
    }
    assertThat(readAll(config, orders)).isEmpty();
  }

  @Test
  void shouldWriteOnceAndReplayTheAnswerWhenTheIdempotencyKeyRepeats() {
    String body = placed("o-9", "1", "5.00");
    String[] headers = {
      "Content-Type", "application/json", "X-API-Key", KEY, "Idempotency-Key", "order-o-9"
    };

    HttpResponse<byte[]> first = http.post(events(), body, headers);
    HttpResponse<byte[]> again = http.post(events(), body, headers);
    HttpResponse<byte[]> changed = http.post(events(), placed("o-9", "2", "5.00"), headers);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(changed.statusCode()).isEqualTo(422);
    assertThat(Http.json(changed).get("error").asText()).isEqualTo("idempotency_key_reused");
    assertThat(readAll(config, orders)).hasSize(1);
  }

  @Test
  void shouldAcceptGzipBodiesAndServeHealthAndMetricsWhenRunning() {
    HttpResponse<byte[]> response =
        http.post(
            events(),
            Http.gzip(placed("o-5", "3", "2.50")),
            "Content-Type",
            "application/json; charset=utf-8",
            "Content-Encoding",
            "gzip",
            "X-API-Key",
            KEY);

    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
    assertThat(readAll(config, orders)).hasSize(1);
    HttpResponse<byte[]> health = http.get("/health");
    assertThat(Http.json(health).get("status").asText()).isEqualTo("UP");
    String metrics = Http.text(http.get("/metrics"));
    assertThat(metrics).contains("vigil_ingest_requests_total", "vigil_ingest_events_total");
  }

  private String events() {
    return "/v1/events/" + orders;
  }

  private static String placed(String orderId, String quantity, String price) {
    return """
        {"eventId": "7d1c7c2e-1111-4c8a-9a53-0e5b5f0c9d11",
         "occurredAt": "2026-11-23T10:00:00Z",
         "orderId": "%s",
         "payload": {"customerId": "c-1",
                     "lines": [{"sku": "SKU-1", "quantity": %s, "unitPrice": "%s"}],
                     "total": 19.98, "currency": "EUR"}}
        """
        .formatted(orderId, quantity, price);
  }
}
