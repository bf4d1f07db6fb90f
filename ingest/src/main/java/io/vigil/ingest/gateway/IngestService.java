package io.vigil.ingest.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.avro.JsonAvroConverter;
import io.vigil.ingest.avro.JsonAvroException;
import io.vigil.ingest.gateway.ApiKeys.Tenant;
import io.vigil.ingest.otlp.OtlpBatch;
import io.vigil.ingest.otlp.OtlpDecodeException;
import io.vigil.ingest.otlp.OtlpJsonDecoder;
import io.vigil.ingest.otlp.OtlpMapper;
import io.vigil.ingest.producer.EventFields;
import io.vigil.ingest.topics.EventTopic;
import io.vigil.ingest.topics.EventTopics;
import io.vigil.schemas.catalog.Topic;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway's rules, independent of the HTTP server (which only adapts requests and
 * responses), so that they are tested and fuzzed without sockets.
 *
 * <p>Every request goes through, in order: overload protection (503 + {@code Retry-After} above
 * {@code vigil.ingest.max.in.flight.requests}), the API key (401 missing or unknown, 403 topic not
 * allowed), the key's rate limit (429 + {@code Retry-After}), the topic (404), the content type
 * (415), the body (413 above the limit before or after gzip, 400 corrupt gzip), decoding and
 * validation of <em>every</em> record (400 with the failing JSON path), and finally one atomic
 * write to Kafka: the answer is 200 only after the transaction holding all the request's records
 * committed; if Kafka fails, nothing of the request is visible and the answer is 503 + {@code
 * Retry-After}. Unexpected failures answer 500 without details (logged). Nothing a client sends can
 * make it throw.
 */
public final class IngestService {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** Largest serialized record; Kafka's default {@code message.max.bytes} is about 1 MiB. */
  static final int MAX_RECORD_BYTES = 1_000_000;

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final HexFormat HEX = HexFormat.of();

  private final IngestConfig config;
  private final EventTopics topics;
  private final Topic<String, Span> spans;
  private final Topic<String, MetricPoint> metrics;
  private final Topic<String, RequestLog> requests;
  private final RecordSink sink;
  private final ApiKeys apiKeys;
  private final RateLimiter rateLimiter;
  private final IdempotencyCache idempotency;
  private final Semaphore inFlight;
  private final BodyReader bodies;
  private final ObjectMapper json = JsonAvroConverter.objectMapper();
  private final OtlpJsonDecoder otlpJson = new OtlpJsonDecoder();
  private final OtlpMapper otlp;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Timer latency;

  /**
   * @param config gateway settings
   * @param topics topics accepted on {@code /v1/events}
   * @param spans destination of OTLP spans (name from {@code vigil.ingest.otlp.spans.topic})
   * @param metrics destination of OTLP data points
   * @param requests destination of request logs
   * @param sink atomic writer of each request's records
   * @param registry meters of the gateway
   * @param clock clock of filled-in event times
   */
  public IngestService(
      IngestConfig config,
      EventTopics topics,
      Topic<String, Span> spans,
      Topic<String, MetricPoint> metrics,
      Topic<String, RequestLog> requests,
      RecordSink sink,
      MeterRegistry registry,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.spans = Objects.requireNonNull(spans, "spans");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.apiKeys = ApiKeys.parse(config.apiKeys());
    this.rateLimiter =
        new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
    this.idempotency =
        new IdempotencyCache(
            config.idempotencyWindowMs(), config.idempotencyMaxKeys(), clock::millis);
    this.inFlight = new Semaphore(config.maxInFlightRequests());
    this.bodies = new BodyReader(config.maxBodyBytes());
    this.otlp = new OtlpMapper(clock);
    this.latency =
        Timer.builder("vigil.ingest.request.duration")
            .description("Time to answer an ingest request, Kafka commit included")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    if (config.authEnabled() && apiKeys.size() == 0) {
      LOG.warn(
          "Authentication is on but {} is empty: every request will be answered 401",
          IngestConfig.GATEWAY_API_KEYS_CONFIG);
    }
  }

  /** Whether the gateway can accept writes ({@code /health}). */
  public GatewayResponse health() {
    boolean up = sink.ready();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    if (!up) {
      body.put("reason", "the Kafka producers are not initialised");
    }
    return new GatewayResponse(
        up ? 200 : 503, GatewayResponse.JSON, ErrorBodies.write(body), Map.of());
  }

  // --- POST /v1/events/{topic} --------------------------------------------------------------

  /** Validates and writes a JSON event or array of events to {@code topicName}. */
  public GatewayResponse events(String topicName, GatewayRequest request) {
    return handle(
        "events",
        ErrorBodies::json,
        () -> {
          Tenant tenant = authenticate(request);
          if (!tenant.mayWrite(topicName)) {
            throw new GatewayException(
                403, "forbidden", "This API key may not write to topic '" + topicName + "'");
          }
          rateLimit(tenant);
          EventTopic topic =
              topics
                  .find(topicName)
                  .orElseThrow(
                      () ->
                          new GatewayException(
                              404,
                              "unknown_topic",
                              "Topic '"
                                  + abbreviate(topicName)
                                  + "' does not accept events; accepted: "
                                  + String.join(", ", topics.names())));
          requireMediaType(request, List.of(GatewayResponse.JSON));
          byte[] body = bodies.read(request);
          return idempotent(
              tenant.keyId() + " events " + topicName,
              request,
              body,
              () -> writeEvents(topic, body));
        });
  }

  private GatewayResponse writeEvents(EventTopic topic, byte[] body) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<String> eventIds = new ArrayList<>();
    decodeEvents(topic, body, records, eventIds);
    awaitWrite(records);
    Counter.builder("vigil.ingest.events")
        .description("Events accepted and committed to Kafka")
        .tag("topic", topic.name())
        .register(registry)
        .increment(records.size());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("topic", topic.name());
    answer.put("accepted", records.size());
    answer.put("eventIds", eventIds);
    return new GatewayResponse(200, GatewayResponse.JSON, ErrorBodies.write(answer), Map.of());
  }

  /**
   * Decodes and validates every event of the body into records; throws at the first invalid one, so
   * nothing of an invalid batch is written. Package-private for the fuzz tests.
   */
  void decodeEvents(
      EventTopic topic,
      byte[] body,
      List<ProducerRecord<byte[], byte[]>> records,
      List<String> eventIds) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String position =
          where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw new GatewayException(
          400,
          "malformed_json",
          "The body is not valid JSON" + position + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new GatewayException(400, "malformed_json", "The body cannot be read as JSON");
    }
    if (root == null || root.isMissingNode()) {
      throw new GatewayException(
          400, "malformed_json", "The body is empty; send a JSON object or array");
    }
    List<JsonNode> items = new ArrayList<>();
    boolean batch = root.isArray();
    if (batch) {
      root.forEach(items::add);
      if (items.isEmpty()) {
        throw new GatewayException(400, "schema_mismatch", "The array holds no events", "$", null);
      }
    } else {
      items.add(root);
    }
    if (items.size() > config.maxBatchEvents()) {
      throw new GatewayException(
          413,
          "too_many_events",
          items.size() + " events in one request; at most " + config.maxBatchEvents());
    }
    long now = clock.millis();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String prefix = batch ? "$[" + i + "]" : "$";
      if (!item.isObject()) {
        throw new GatewayException(
            400, "schema_mismatch", "Each event must be a JSON object", prefix, null);
      }
      String eventId = fillEventFields((ObjectNode) item, topic.schema(), now);
      GenericRecord record;
      try {
        record = JsonAvroConverter.toRecord(item, topic.schema());
      } catch (JsonAvroException e) {
        throw new GatewayException(
            400, "schema_mismatch", e.reason(), prefix + e.path().substring(1), null);
      }
      byte[] value = serialize(() -> topic.serialize(record));
      if (value.length > MAX_RECORD_BYTES) {
        throw new GatewayException(
            413,
            "payload_too_large",
            "The event is " + value.length + " bytes as Avro; at most " + MAX_RECORD_BYTES,
            prefix,
            null);
      }
      String key = topic.keyOf(record);
      records.add(
          new ProducerRecord<>(
              topic.name(), key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
      eventIds.add(eventId);
    }
  }

  /** Fills a missing eventId/occurredAt on the JSON, when the schema has them; the event id. */
  private static String fillEventFields(ObjectNode item, Schema schema, long nowMillis) {
    if (schema.getField(EventFields.OCCURRED_AT) != null
        && (!item.hasNonNull(EventFields.OCCURRED_AT))) {
      item.put(EventFields.OCCURRED_AT, nowMillis);
    }
    if (schema.getField(EventFields.EVENT_ID) == null) {
      return null;
    }
    JsonNode id = item.get(EventFields.EVENT_ID);
    if (id == null || id.isNull()) {
      String generated = UUID.randomUUID().toString();
      item.put(EventFields.EVENT_ID, generated);
      return generated;
    }
    return id.isTextual() ? id.textValue() : null;
  }

  // --- OTLP/HTTP ----------------------------------------------------------------------------

  /** Handles an OTLP/HTTP export of the signal (protobuf or JSON, optionally gzip). */
  public GatewayResponse otlp(OtlpSignal signal, GatewayRequest request) {
    String type = mediaType(request);
    boolean protobuf = GatewayResponse.PROTOBUF.equals(type);
    Function<GatewayException, GatewayResponse> errors =
        protobuf
            ? ErrorBodies::otlpProtobuf
            : GatewayResponse.JSON.equals(type) ? ErrorBodies::otlpJson : ErrorBodies::json;
    return handle(
        "otlp" + signal.path().substring(3),
        errors,
        () -> {
          Tenant tenant = authenticate(request);
          for (String topic : topicsOf(signal)) {
            if (!tenant.mayWrite(topic)) {
              throw new GatewayException(
                  403, "forbidden", "This API key may not write to topic '" + topic + "'");
            }
          }
          rateLimit(tenant);
          requireMediaType(request, List.of(GatewayResponse.PROTOBUF, GatewayResponse.JSON));
          byte[] body = bodies.read(request);
          OtlpBatch batch = decodeOtlp(signal, body, protobuf);
          List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
          for (Span span : batch.spans()) {
            records.add(record(spans, span.getTraceId(), span));
          }
          for (MetricPoint point : batch.metrics()) {
            records.add(record(metrics, point.getService(), point));
          }
          for (RequestLog log : batch.requests()) {
            records.add(record(requests, log.getService(), log));
          }
          awaitWrite(records);
          if (batch.rejected() > 0) {
            Counter.builder("vigil.ingest.otlp.rejected")
                .description("OTLP items rejected (partial success)")
                .tag("signal", signal.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment(batch.rejected());
          }
          return otlpSuccess(signal, batch, protobuf);
        });
  }

  /** Decodes and maps an OTLP body. Package-private for the fuzz tests. */
  OtlpBatch decodeOtlp(OtlpSignal signal, byte[] body, boolean protobuf) {
    try {
      return switch (signal) {
        case TRACES ->
            otlp.traces(
                protobuf ? ExportTraceServiceRequest.parseFrom(body) : otlpJson.traces(body));
        case METRICS ->
            otlp.metrics(
                protobuf ? ExportMetricsServiceRequest.parseFrom(body) : otlpJson.metrics(body));
        case LOGS ->
            otlp.logs(protobuf ? ExportLogsServiceRequest.parseFrom(body) : otlpJson.logs(body));
      };
    } catch (InvalidProtocolBufferException e) {
      throw new GatewayException(
          400, "malformed_otlp", "The body is not an OTLP protobuf message: " + e.getMessage());
    } catch (OtlpDecodeException e) {
      throw new GatewayException(400, "malformed_otlp", e.getMessage(), e.path(), null);
    }
  }

  private List<String> topicsOf(OtlpSignal signal) {
    return switch (signal) {
      case TRACES -> List.of(spans.name(), requests.name());
      case METRICS -> List.of(metrics.name());
      case LOGS -> List.of(requests.name());
    };
  }

  private <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    byte[] bytes = serialize(() -> topic.valueSerde().serializer().serialize(topic.name(), value));
    return new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes);
  }

  private static GatewayResponse otlpSuccess(OtlpSignal signal, OtlpBatch batch, boolean protobuf) {
    String message = batch.errorMessage(signal.items());
    boolean partial = batch.rejected() > 0 || !message.isEmpty();
    if (protobuf) {
      Message response =
          switch (signal) {
            case TRACES -> {
              ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
              if (partial) {
                b.setPartialSuccess(
                    ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(batch.rejected())
                        .setErrorMessage(message));
              }
              yield b.build();
            }
            case METRICS -> {
              ExportMetricsServiceResponse.Builder b = ExportMetricsServiceResponse.newBuilder();
              if (partial) {
                b.setPartialSuccess(
                    ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(batch.rejected())
                        .setErrorMessage(message));
              }
              yield b.build();
            }
            case LOGS -> {
              ExportLogsServiceResponse.Builder b = ExportLogsServiceResponse.newBuilder();
              if (partial) {
                b.setPartialSuccess(
                    ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(batch.rejected())
                        .setErrorMessage(message));
              }
              yield b.build();
            }
          };
      return new GatewayResponse(200, GatewayResponse.PROTOBUF, response.toByteArray(), Map.of());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (partial) {
      Map<String, Object> success = new LinkedHashMap<>();
      String field =
          switch (signal) {
            case TRACES -> "rejectedSpans";
            case METRICS -> "rejectedDataPoints";
            case LOGS -> "rejectedLogRecords";
          };
      // Protobuf's JSON mapping writes 64-bit integers as strings.
      success.put(field, Long.toString(batch.rejected()));
      success.put("errorMessage", message);
      body.put("partialSuccess", success);
    }
    return new GatewayResponse(200, GatewayResponse.JSON, ErrorBodies.write(body), Map.of());
  }

  // --- shared steps -------------------------------------------------------------------------

  private GatewayResponse handle(
      String endpoint,
      Function<GatewayException, GatewayResponse> errors,
      Supplier<GatewayResponse> work) {
    long started = System.nanoTime();
    GatewayResponse response;
    if (!inFlight.tryAcquire()) {
      response =
          errors.apply(
              new GatewayException(
                  503,
                  "overloaded",
                  "The gateway is at its limit of concurrent requests; retry later",
                  null,
                  config.retryAfterSeconds()));
    } else {
      try {
        response = work.get();
      } catch (GatewayException e) {
        response = errors.apply(e);
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure handling an ingest request on {}", endpoint, e);
        response =
            errors.apply(
                new GatewayException(
                    500, "internal", "Internal error; the gateway's log has the details"));
      } finally {
        inFlight.release();
      }
    }
    latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    Counter.builder("vigil.ingest.requests")
        .description("Ingest requests by endpoint and status")
        .tag("endpoint", endpoint)
        .tag("status", Integer.toString(response.status()))
        .register(registry)
        .increment();
    return response;
  }

  private Tenant authenticate(GatewayRequest request) {
    if (!config.authEnabled()) {
      return new Tenant("anonymous", "anonymous", List.of("*"));
    }
    String key = request.header("X-API-Key");
    if (key == null) {
      String authorization = request.header("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = authorization.substring(7).trim();
      }
    }
    if (key == null || key.isEmpty()) {
      throw new GatewayException(
          401, "unauthorized", "An API key is required (Authorization: Bearer KEY or X-API-Key)");
    }
    return apiKeys
        .authenticate(key)
        .orElseThrow(() -> new GatewayException(401, "unauthorized", "The API key is not valid"));
  }

  private void rateLimit(Tenant tenant) {
    long wait = rateLimiter.tryAcquire(tenant.keyId());
    if (wait > 0) {
      throw new GatewayException(
          429,
          "rate_limited",
          "Rate limit of "
              + config.rateLimitPerSecond()
              + " requests/s for this API key exceeded; retry after "
              + wait
              + " s",
          null,
          (int) Math.min(Integer.MAX_VALUE, wait));
    }
  }

  private static String mediaType(GatewayRequest request) {
    String type = request.header("Content-Type");
    return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static void requireMediaType(GatewayRequest request, List<String> accepted) {
    String type = mediaType(request);
    if (!accepted.contains(type)) {
      throw new GatewayException(
          415,
          "unsupported_media_type",
          "Content-Type '"
              + abbreviate(type)
              + "' is not accepted here; use "
              + String.join(" or ", accepted));
    }
  }

  private GatewayResponse idempotent(
      String scope, GatewayRequest request, byte[] body, Supplier<GatewayResponse> work) {
    String key = request.header(IDEMPOTENCY_KEY);
    if (key == null || !idempotency.enabled()) {
      return work.get();
    }
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new GatewayException(
          400, "bad_request", "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    IdempotencyCache.Claim claim = idempotency.claim(scope, key, digest(body));
    if (claim instanceof IdempotencyCache.Claim.Conflict) {
      throw new GatewayException(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was used with a different body within the idempotency window");
    }
    if (claim instanceof IdempotencyCache.Claim.Replay replay) {
      GatewayResponse first = await(replay.answer());
      Map<String, String> headers = new LinkedHashMap<>(first.headers());
      headers.put("Idempotent-Replayed", "true");
      return new GatewayResponse(first.status(), first.contentType(), first.body(), headers);
    }
    IdempotencyCache.Claim.Owner owner = (IdempotencyCache.Claim.Owner) claim;
    GatewayResponse response;
    try {
      response = work.get();
    } catch (GatewayException e) {
      response = ErrorBodies.json(e);
    } catch (RuntimeException e) {
      idempotency.complete(
          owner, ErrorBodies.json(new GatewayException(500, "internal", "Internal error")));
      throw e;
    }
    idempotency.complete(owner, response);
    return response;
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(config.ackTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting");
    } catch (TimeoutException | CancellationException e) {
      throw unavailable("no answer from the first request with this Idempotency-Key yet");
    } catch (ExecutionException e) {
      throw new IllegalStateException("The first request's answer failed", e.getCause());
    }
  }

  /** Writes atomically and waits for the commit; 503 (retryable) if Kafka does not commit. */
  private void awaitWrite(List<ProducerRecord<byte[], byte[]>> records) {
    if (records.isEmpty()) {
      return;
    }
    CompletableFuture<Void> write = sink.write(records);
    try {
      write.get(config.ackTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for Kafka");
    } catch (TimeoutException e) {
      // If still queued, withdraw it so that it is not written after we answered 503.
      write.cancel(false);
      throw unavailable("Kafka did not acknowledge within " + config.ackTimeoutMs() + " ms");
    } catch (ExecutionException e) {
      if (hasCause(e.getCause(), RecordTooLargeException.class)) {
        throw new GatewayException(
            413, "payload_too_large", "Kafka refused a record of the request as too large");
      }
      LOG.warn("Kafka did not commit a request's {} records", records.size(), e.getCause());
      throw unavailable("Kafka is unavailable; nothing of this request was written");
    }
  }

  private GatewayException unavailable(String reason) {
    return new GatewayException(
        503, "unavailable", reason + "; retry later", null, config.retryAfterSeconds());
  }

  private static byte[] serialize(Supplier<byte[]> serializer) {
    try {
      return serializer.get();
    } catch (SerializationException e) {
      LOG.error("Cannot serialize with the schema registry", e);
      throw new GatewayException(
          503,
          "registry_unavailable",
          "The schema registry is unavailable or refused the schema; retry later",
          null,
          5);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String digest(byte[] body) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
