package io.vigil.ingest.gateway;

import static io.vigil.ingest.testing.StackSupport.config;
import static io.vigil.ingest.testing.StackSupport.create;
import static io.vigil.ingest.testing.StackSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.testing.Http;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanStatus;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real OpenTelemetry Java SDK exporters (OTLP/HTTP, protobuf and JSON, gzip) pointed at the
 * gateway, unchanged but for the endpoint and the API key header.
 */
@VigilStack
class OtlpGatewayIT {

  private static final String KEY = "otel-collector-key";

  private static IngestConfig config;
  private static IngestGateway gateway;
  private static String prefix;
  private static TopicCatalog catalog;

  @BeforeAll
  static void startGateway(StackEndpoints stack) {
    prefix = TestNames.unique("otlp");
    config =
        config(
            stack,
            Map.of(
                IngestConfig.GATEWAY_PORT_CONFIG, "0",
                IngestConfig.OTLP_SPANS_TOPIC_CONFIG, prefix + ".spans",
                IngestConfig.OTLP_METRICS_TOPIC_CONFIG, prefix + ".metrics",
                IngestConfig.OTLP_REQUESTS_TOPIC_CONFIG, prefix + ".requests",
                IngestConfig.GATEWAY_API_KEYS_CONFIG, "ops:" + KEY + ":" + prefix + ".*"));
    create(
        config,
        new NewTopic(prefix + ".spans", 3, (short) 1),
        new NewTopic(prefix + ".metrics", 1, (short) 1),
        new NewTopic(prefix + ".requests", 1, (short) 1));
    catalog = TopicCatalog.from(config);
    gateway = IngestGateway.start(config);
    Http http = new Http(gateway.url());
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health").statusCode() == 200);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @ParameterizedTest(name = "json={0}")
  @ValueSource(booleans = {false, true})
  void shouldStoreSpansAndServerRequestsWhenTheSdkExportsTraces(boolean json, TestInfo info) {
    // Given an SDK whose span exporter points at the gateway (gzip, API key)
    String service = TestNames.unique(info);
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(gateway.url() + "/v1/traces")
            .setCompression("gzip")
            .addHeader("Authorization", "Bearer " + KEY);
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource(service))
            .addSpanProcessor(
                SimpleSpanProcessor.create((json ? asJson(builder) : builder).build()))
            .build();
    Tracer tracer = provider.get("vigil-it");

    // When a service handles a request (current semantic conventions, or older ones for JSON)
    // that calls another service, and the spans are exported
    io.opentelemetry.api.trace.Span server =
        tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
    if (json) {
      server.setAttribute("http.method", "get");
      server.setAttribute("http.target", "/orders/42?expand=lines");
      server.setAttribute("http.status_code", 503L);
      server.setAttribute("net.peer.ip", "10.0.0.7");
      server.setAttribute("enduser.id", "alice");
    } else {
      server.setAttribute("http.request.method", "GET");
      server.setAttribute("url.path", "/orders/42");
      server.setAttribute("http.route", "/orders/{id}");
      server.setAttribute("http.response.status_code", 503L);
      server.setAttribute("client.address", "10.0.0.7");
      server.setAttribute("user.id", "alice");
      server.setAttribute("user_agent.original", "curl/8.5");
      server.setAttribute("http.response.body.size", 120L);
    }
    server.setStatus(StatusCode.ERROR, "backend down");
    try (var scope = server.makeCurrent()) {
      io.opentelemetry.api.trace.Span client =
          tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
      client.setAttribute("peer.service", "inventory");
      client.setAttribute("server.address", "inventory.svc");
      client.end();
    }
    server.end();
    assertSuccess(provider.forceFlush());
    provider.shutdown().join(10, TimeUnit.SECONDS);

    // Then both spans are on telemetry.spans, the server one also as a request log
    List<Span> spans = read(catalog.spans(), prefix + ".spans", Span::getService, service, 2);
    Span serverSpan = spans.stream().filter(s -> s.getParentSpanId() == null).findFirst().get();
    Span clientSpan = spans.stream().filter(s -> s.getParentSpanId() != null).findFirst().get();
    assertThat(serverSpan.getKind()).isEqualTo(io.vigil.telemetry.SpanKind.SERVER);
    assertThat(serverSpan.getStatus()).isEqualTo(SpanStatus.ERROR);
    assertThat(serverSpan.getStatusMessage()).isEqualTo("backend down");
    assertThat(serverSpan.getTraceId()).hasSize(32).isEqualTo(clientSpan.getTraceId());
    assertThat(clientSpan.getParentSpanId()).isEqualTo(serverSpan.getSpanId());
    assertThat(clientSpan.getPeerService()).isEqualTo("inventory");
    assertThat(serverSpan.getEndTime()).isAfterOrEqualTo(serverSpan.getStartTime());

    List<RequestLog> requests =
        read(catalog.requests(), prefix + ".requests", RequestLog::getService, service, 1);
    RequestLog request = requests.get(0);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/orders/42");
    assertThat(request.getStatus()).isEqualTo(503);
    assertThat(request.getClientIp()).isEqualTo("10.0.0.7");
    assertThat(request.getPrincipal()).isEqualTo("alice");
    assertThat(request.getTraceId()).isEqualTo(serverSpan.getTraceId());
    assertThat(request.getLatencyMs()).isGreaterThanOrEqualTo(0.0);
    if (!json) {
      assertThat(request.getRoute()).isEqualTo("/orders/{id}");
      assertThat(request.getUserAgent()).isEqualTo("curl/8.5");
      assertThat(request.getBytesOut()).isEqualTo(120L);
    }
  }

  @ParameterizedTest(name = "json={0}")
  @ValueSource(booleans = {false, true})
  void shouldStoreMetricPointsWhenTheSdkExportsMetrics(boolean json, TestInfo info) {
    String service = TestNames.unique(info);
    OtlpHttpMetricExporterBuilder builder =
        OtlpHttpMetricExporter.builder()
            .setEndpoint(gateway.url() + "/v1/metrics")
            .addHeader("X-API-Key", KEY);
    PeriodicMetricReader reader =
        PeriodicMetricReader.builder((json ? asJson(builder) : builder).build())
            .setInterval(Duration.ofHours(1))
            .build();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource(service))
            .registerMetricReader(reader)
            .build();
    Meter meter = provider.get("vigil-it");

    LongCounter requests = meter.counterBuilder("http.server.requests").setUnit("1").build();
    requests.add(3, Attributes.of(AttributeKey.stringKey("http.route"), "/orders"));
    meter.histogramBuilder("http.server.request.duration").setUnit("s").build().record(0.25);
    meter.gaugeBuilder("queue.depth").buildWithCallback(m -> m.record(7.0));
    assertSuccess(provider.forceFlush());
    provider.shutdown().join(10, TimeUnit.SECONDS);

    List<MetricPoint> points =
        read(catalog.metrics(), prefix + ".metrics", MetricPoint::getService, service, 3);
    assertThat(points)
        .extracting(MetricPoint::getName, MetricPoint::getType, MetricPoint::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("http.server.requests", MetricType.COUNTER, 3.0),
            org.assertj.core.groups.Tuple.tuple(
                "http.server.request.duration", MetricType.HISTOGRAM, 0.25),
            org.assertj.core.groups.Tuple.tuple("queue.depth", MetricType.GAUGE, 7.0));
    MetricPoint counter =
        points.stream().filter(p -> p.getName().equals("http.server.requests")).findFirst().get();
    assertThat(counter.getAttributes()).containsEntry("http.route", "/orders");
    assertThat(counter.getUnit()).isEqualTo("1");
  }

  @ParameterizedTest(name = "json={0}")
  @ValueSource(booleans = {false, true})
  void shouldStoreAccessLogsAsRequestLogsWhenTheSdkExportsLogs(boolean json, TestInfo info) {
    String service = TestNames.unique(info);
    OtlpHttpLogRecordExporterBuilder builder =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(gateway.url() + "/v1/logs")
            .setCompression("gzip")
            .addHeader("X-API-Key", KEY);
    SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(resource(service))
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create((json ? asJson(builder) : builder).build()))
            .build();
    Logger logger = provider.get("access");

    logger
        .logRecordBuilder()
        .setBody("POST /login 401")
        .setAllAttributes(
            Attributes.builder()
                .put("http.request.method", "POST")
                .put("url.path", "/login")
                .put("http.response.status_code", 401L)
                .put("client.address", "203.0.113.9")
                .put("http.server.request.duration", 0.012)
                .build())
        .emit();
    logger.logRecordBuilder().setBody("cache warmed").emit();
    assertSuccess(provider.forceFlush());
    provider.shutdown().join(10, TimeUnit.SECONDS);

    List<RequestLog> logs =
        read(catalog.requests(), prefix + ".requests", RequestLog::getService, service, 1);
    assertThat(logs).hasSize(1);
    RequestLog log = logs.get(0);
    assertThat(log.getMethod()).isEqualTo("POST");
    assertThat(log.getPath()).isEqualTo("/login");
    assertThat(log.getStatus()).isEqualTo(401);
    assertThat(log.getClientIp()).isEqualTo("203.0.113.9");
    assertThat(log.getLatencyMs()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void shouldAnswerPartialSuccessWhenSomeSpansAreInvalid(TestInfo info) throws Exception {
    // Given a protobuf export with one valid span and one whose trace id is 3 bytes
    String service = TestNames.unique(info);
    io.opentelemetry.proto.trace.v1.Span valid =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(
                ByteString.copyFrom(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .setName("work")
            .setStartTimeUnixNano(1_700_000_000_000_000_000L)
            .setEndTimeUnixNano(1_700_000_000_500_000_000L)
            .build();
    io.opentelemetry.proto.trace.v1.Span invalid =
        valid.toBuilder().setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    ExportTraceServiceRequest export =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                            .addAttributes(
                                KeyValue.newBuilder()
                                    .setKey("service.name")
                                    .setValue(AnyValue.newBuilder().setStringValue(service))))
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(valid).addSpans(invalid)))
            .build();

    HttpResponse<byte[]> response =
        new Http(gateway.url())
            .post(
                "/v1/traces",
                export.toByteArray(),
                "Content-Type",
                "application/x-protobuf",
                "X-API-Key",
                KEY);

    // Then the export succeeds partially: one span rejected with a reason, the other stored
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/x-protobuf");
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
    assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage()).contains("traceId");
    assertThat(read(catalog.spans(), prefix + ".spans", Span::getService, service, 1)).hasSize(1);
  }

  @Test
  void shouldAnswerNonRetryableErrorsWhenOtlpRequestsAreBad() {
    Http http = new Http(gateway.url());

    HttpResponse<byte[]> garbage =
        http.post(
            "/v1/traces",
            new byte[] {(byte) 0xff, 0x01, 0x02},
            "Content-Type",
            "application/x-protobuf",
            "X-API-Key",
            KEY);
    HttpResponse<byte[]> wrongType =
        http.post("/v1/metrics", "x", "Content-Type", "text/plain", "X-API-Key", KEY);
    HttpResponse<byte[]> badJson =
        http.post(
            "/v1/logs",
            "{\"resourceLogs\": 7}",
            "Content-Type",
            "application/json",
            "X-API-Key",
            KEY);
    HttpResponse<byte[]> noKey = http.post("/v1/traces", "{}", "Content-Type", "application/json");

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/x-protobuf");
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(Http.json(wrongType).get("error").asText()).isEqualTo("unsupported_media_type");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(Http.json(badJson).get("path").asText()).isEqualTo("$.resourceLogs");
    assertThat(Http.json(badJson).get("code").asInt()).isEqualTo(3);
    assertThat(noKey.statusCode()).isEqualTo(401);
  }

  private static <V> List<V> read(
      Topic<String, V> catalogTopic,
      String topic,
      java.util.function.Function<V, String> service,
      String wanted,
      int atLeast) {
    List<List<V>> found = new java.util.ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              List<V> values =
                  readAll(config, topic).stream()
                      .map(
                          r ->
                              catalogTopic
                                  .valueSerde()
                                  .deserializer()
                                  .deserialize(topic, r.value()))
                      .filter(v -> service.apply(v).equals(wanted))
                      .toList();
              found.clear();
              found.add(values);
              return values.size() >= atLeast;
            });
    return found.get(0);
  }

  private static io.opentelemetry.sdk.resources.Resource resource(String service) {
    return io.opentelemetry.sdk.resources.Resource.getDefault().toBuilder()
        .put("service.name", service)
        .put("service.instance.id", "pod-1")
        .build();
  }

  private static void assertSuccess(CompletableResultCode result) {
    result.join(20, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).as("export succeeded").isTrue();
  }

  /**
   * Switches an SDK exporter builder to OTLP/HTTP JSON. The Java SDK implements the JSON encoding
   * but exposes it only on its internal builder ({@code HttpExporterBuilder.exportAsJson()}).
   */
  private static <B> B asJson(B builder) {
    try {
      Field delegate = builder.getClass().getDeclaredField("delegate");
      delegate.setAccessible(true);
      Object internal = delegate.get(builder);
      internal.getClass().getMethod("exportAsJson").invoke(internal);
      return builder;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This SDK version hides its JSON switch elsewhere", e);
    }
  }
}
