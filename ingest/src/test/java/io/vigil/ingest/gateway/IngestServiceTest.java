package io.vigil.ingest.gateway;

import static io.vigil.ingest.testing.Services.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.testing.Http;
import io.vigil.ingest.testing.InMemorySink;
import io.vigil.ingest.testing.Services;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The gateway's rules without HTTP or Kafka. */
class IngestServiceTest {

  private static final String KEY = "k-123";
  private static final String JSON = "application/json";
  private static final String EVENT =
      """
      {"orderId": "o-1", "payload": {"reason": "customer"}}
      """;

  private final InMemorySink sink = new InMemorySink();

  private IngestService service(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put(IngestConfig.GATEWAY_API_KEYS_CONFIG, "acme:" + KEY + ":orders.*|telemetry.*");
    settings.putAll(extra);
    return Services.service(sink, settings);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldFillEventIdAndTimeAndKeyTheRecordWhenTheEventOmitsThem() {
    GatewayResponse response =
        service(Map.of())
            .events("orders.events", request(utf8(EVENT), "Content-Type", JSON, "X-API-Key", KEY));

    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    JsonNode body = Http.json(response.bodyText());
    assertThat(body.get("eventIds").get(0).asText()).hasSize(36);
    ProducerRecord<byte[], byte[]> record = sink.records().get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("o-1");
    assertThat(record.topic()).isEqualTo("orders.events");
  }

  @Test
  void shouldAnswer401WithAChallengeWhenTheKeyIsMissingOrWrong() {
    IngestService service = service(Map.of());

    GatewayResponse missing =
        service.events("orders.events", request(utf8(EVENT), "Content-Type", JSON));
    GatewayResponse wrong =
        service.events(
            "orders.events",
            request(utf8(EVENT), "Content-Type", JSON, "Authorization", "Bearer nope"));

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.headers()).containsKey("WWW-Authenticate");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(sink.records()).isEmpty();
  }

  @Test
  void shouldAnswer403WhenTheKeyMayNotWriteTheSignalsTopic() {
    IngestService service =
        Services.service(
            sink, Map.of(IngestConfig.GATEWAY_API_KEYS_CONFIG, "acme:" + KEY + ":orders.events"));

    GatewayResponse response =
        service.otlp(
            OtlpSignal.TRACES,
            request(utf8("{}"), "Content-Type", JSON, "Authorization", "Bearer " + KEY));

    assertThat(response.status()).isEqualTo(403);
    assertThat(Http.json(response.bodyText()).get("reason").asText()).contains("telemetry.spans");
  }

  @Test
  void shouldAnswer429WithRetryAfterWhenTheKeyExceedsItsRate() {
    IngestService service =
        service(
            Map.of(
                IngestConfig.GATEWAY_RATE_LIMIT_CONFIG, "0.1",
                IngestConfig.GATEWAY_RATE_BURST_CONFIG, "2"));

    List<GatewayResponse> responses =
        List.of(1, 2, 3).stream()
            .map(
                i ->
                    service.events(
                        "orders.events",
                        request(utf8(EVENT), "Content-Type", JSON, "X-API-Key", KEY)))
            .toList();

    assertThat(responses).extracting(GatewayResponse::status).containsExactly(200, 200, 429);
    assertThat(Integer.parseInt(responses.get(2).headers().get("Retry-After"))).isBetween(1, 10);
    assertThat(Http.json(responses.get(2).bodyText()).get("error").asText())
        .isEqualTo("rate_limited");
  }

  @Test
  void shouldAnswer503WithRetryAfterAndForgetTheIdempotencyKeyWhenKafkaFails() {
    IngestService service = service(Map.of());
    sink.failWith(new TimeoutException("broker down"));
    String[] headers = {"Content-Type", JSON, "X-API-Key", KEY, "Idempotency-Key", "abc"};

    GatewayResponse failed = service.events("orders.events", request(utf8(EVENT), headers));
    sink.failWith(null);
    GatewayResponse retried = service.events("orders.events", request(utf8(EVENT), headers));

    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.headers()).containsEntry("Retry-After", "2");
    assertThat(Http.json(failed.bodyText()).get("reason").asText()).doesNotContain("broker down");
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.headers()).doesNotContainKey("Idempotent-Replayed");
    assertThat(sink.records()).hasSize(1);
  }

  @Test
  void shouldAnswer503OverloadedWhenTooManyRequestsAreInFlight() throws Exception {
    // Given a gateway allowing one request at a time, busy with a request Kafka has not acked
    CompletableFuture<Void> kafka = new CompletableFuture<>();
    CountDownLatch writing = new CountDownLatch(1);
    RecordSink slow =
        new RecordSink() {
          @Override
          public CompletableFuture<Void> write(List<ProducerRecord<byte[], byte[]>> records) {
            writing.countDown();
            return kafka;
          }

          @Override
          public boolean ready() {
            return true;
          }

          @Override
          public void close() {}
        };
    IngestConfig config =
        new IngestConfig(
            Map.of(
                IngestConfig.GATEWAY_AUTH_ENABLED_CONFIG, "false",
                IngestConfig.GATEWAY_MAX_IN_FLIGHT_CONFIG, "1"));
    var catalog =
        io.vigil.schemas.catalog.TopicCatalog.withClient(
            new io.vigil.schemas.testing.InMemorySchemaRegistryClient(), config);
    IngestService service =
        new IngestService(
            config,
            io.vigil.ingest.topics.EventTopics.of(config.gatewayTopics(), catalog, config),
            catalog.spans(),
            catalog.metrics(),
            catalog.requests(),
            slow,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            java.time.Clock.systemUTC());
    CompletableFuture<GatewayResponse> first =
        CompletableFuture.supplyAsync(
            () -> service.events("orders.events", request(utf8(EVENT), "Content-Type", JSON)));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    // When another request comes
    GatewayResponse second =
        service.events("orders.events", request(utf8(EVENT), "Content-Type", JSON));

    // Then it is turned away at once, and the first completes when Kafka acks
    assertThat(second.status()).isEqualTo(503);
    assertThat(second.headers()).containsKey("Retry-After");
    assertThat(Http.json(second.bodyText()).get("error").asText()).isEqualTo("overloaded");
    kafka.complete(null);
    assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void shouldAnswer413WhenTheBatchHasTooManyEvents() {
    IngestService service = service(Map.of(IngestConfig.GATEWAY_MAX_BATCH_EVENTS_CONFIG, "2"));

    GatewayResponse response =
        service.events(
            "orders.events",
            request(
                utf8("[" + EVENT + "," + EVENT + "," + EVENT + "]"),
                "Content-Type",
                JSON,
                "X-API-Key",
                KEY));

    assertThat(response.status()).isEqualTo(413);
    assertThat(Http.json(response.bodyText()).get("error").asText()).isEqualTo("too_many_events");
  }

  @Test
  void shouldAnswerPartialSuccessInJsonWhenSomeOtlpSpansAreInvalid() {
    String traces =
        """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
           "name": "ok", "kind": 1, "startTimeUnixNano": "1", "endTimeUnixNano": "2"},
          {"traceId": "zz", "spanId": "eee19b7ec3c1b174", "name": "bad",
           "startTimeUnixNano": "1", "endTimeUnixNano": "2"}]}]}]}
        """;

    GatewayResponse response =
        service(Map.of())
            .otlp(OtlpSignal.TRACES, request(utf8(traces), "Content-Type", JSON, "X-API-Key", KEY));

    assertThat(response.status()).isEqualTo(200);
    JsonNode partial = Http.json(response.bodyText()).get("partialSuccess");
    assertThat(partial.get("rejectedSpans").asText()).isEqualTo("1");
    assertThat(partial.get("errorMessage").asText()).contains("traceId");
    assertThat(sink.records()).hasSize(1);
  }

  @Test
  void shouldAnswerAProtobufStatusWhenAnOtlpProtobufRequestIsBad() throws Exception {
    GatewayResponse response =
        service(Map.of())
            .otlp(
                OtlpSignal.METRICS,
                request(
                    new byte[] {0x0a, 0x7f},
                    "Content-Type",
                    "application/x-protobuf",
                    "X-API-Key",
                    KEY));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo(GatewayResponse.PROTOBUF);
    // google.rpc.Status: field 1 = code 3 (INVALID_ARGUMENT), field 2 = message
    com.google.protobuf.CodedInputStream in =
        com.google.protobuf.CodedInputStream.newInstance(response.body());
    assertThat(in.readTag()).isEqualTo(8);
    assertThat(in.readInt32()).isEqualTo(3);
    assertThat(in.readTag()).isEqualTo(18);
    assertThat(in.readString()).contains("protobuf");
  }

  @Test
  void shouldReportHealthDownWhenTheSinkIsNotReady() {
    RecordSink notReady =
        new RecordSink() {
          @Override
          public CompletableFuture<Void> write(List<ProducerRecord<byte[], byte[]>> records) {
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public boolean ready() {
            return false;
          }

          @Override
          public void close() {}
        };
    IngestConfig config = IngestConfig.defaults();
    var catalog =
        io.vigil.schemas.catalog.TopicCatalog.withClient(
            new io.vigil.schemas.testing.InMemorySchemaRegistryClient(), config);
    IngestService service =
        new IngestService(
            config,
            io.vigil.ingest.topics.EventTopics.of(config.gatewayTopics(), catalog, config),
            catalog.spans(),
            catalog.metrics(),
            catalog.requests(),
            notReady,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            java.time.Clock.systemUTC());

    assertThat(service.health().status()).isEqualTo(503);
    assertThat(service(Map.of()).health().status()).isEqualTo(200);
  }
}
