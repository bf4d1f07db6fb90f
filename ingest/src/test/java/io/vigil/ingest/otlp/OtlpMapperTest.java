package io.vigil.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.SpanKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpMapperTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final long START = 1_795_428_000_000_000_000L;
  private final OtlpMapper mapper = new OtlpMapper(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldMapAServerSpanWithOlderHttpNamesToARequestLog() {
    Span server =
        span(Span.SpanKind.SPAN_KIND_SERVER)
            .addAttributes(kv("http.method", "post"))
            .addAttributes(kv("http.url", "https://shop.example/cart/items?x=1"))
            .addAttributes(kv("http.status_code", 201))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("http.request.header.x-forwarded-for")
                    .setValue(
                        AnyValue.newBuilder()
                            .setArrayValue(
                                ArrayValue.newBuilder().addValues(str("198.51.100.4, 10.1.1.1")))))
            .addAttributes(kv("http.request_content_length", 512))
            .addAttributes(kv("http.user_agent", "k6"))
            .build();

    OtlpBatch batch = mapper.traces(traces("cart", server));

    assertThat(batch.spans()).hasSize(1);
    assertThat(batch.requests()).hasSize(1);
    RequestLog log = batch.requests().get(0);
    assertThat(log.getService()).isEqualTo("cart");
    assertThat(log.getMethod()).isEqualTo("POST");
    assertThat(log.getPath()).isEqualTo("/cart/items");
    assertThat(log.getStatus()).isEqualTo(201);
    assertThat(log.getClientIp()).isEqualTo("198.51.100.4");
    assertThat(log.getBytesIn()).isEqualTo(512);
    assertThat(log.getUserAgent()).isEqualTo("k6");
    assertThat(log.getLatencyMs()).isEqualTo(250.0);
    assertThat(log.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(START / 1_000_000));
  }

  @Test
  void shouldGiveTheCalleeEdgeAndStableIdsWhenAClientSpanIsMapped() {
    Span client =
        span(Span.SpanKind.SPAN_KIND_CLIENT)
            .addAttributes(kv("server.address", "payments"))
            .build();

    OtlpBatch first = mapper.traces(traces("orders", client));
    OtlpBatch retry = mapper.traces(traces("orders", client));

    io.vigil.telemetry.Span span = first.spans().get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getPeerService()).isEqualTo("payments");
    assertThat(span.getTraceId()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
    assertThat(span.getOccurredAt()).isEqualTo(NOW);
    assertThat(first.requests()).isEmpty();
    assertThat(retry.spans().get(0).getEventId()).isEqualTo(span.getEventId());
  }

  @Test
  void shouldRejectOnlyTheInvalidSpansWhenIdsOrTimesAreWrong() {
    Span ok = span(Span.SpanKind.SPAN_KIND_INTERNAL).build();
    Span zeroTrace = ok.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span backwards = ok.toBuilder().setEndTimeUnixNano(START - 1).build();

    OtlpBatch batch = mapper.traces(traces("svc", ok, zeroTrace, backwards));

    assertThat(batch.spans()).hasSize(1);
    assertThat(batch.rejected()).isEqualTo(2);
    assertThat(batch.errorMessage("spans"))
        .startsWith("2 spans rejected")
        .contains("traceId", "endTimeUnixNano");
  }

  @Test
  void shouldMapEachDataPointWithItsInstrumentTypeWhenMetricsArrive() {
    Metric counter =
        Metric.newBuilder()
            .setName("requests")
            .setUnit("1")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(START)
                            .setAsInt(7)
                            .addAttributes(kv("route", "/a"))))
            .build();
    Metric gauge =
        Metric.newBuilder()
            .setName("depth")
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder().setTimeUnixNano(START).setAsDouble(2.5))
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(START)))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setName("latency")
            .setHistogram(
                Histogram.newBuilder()
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(START)
                            .setCount(2)
                            .setSum(0.5)))
            .build();
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(resource("cart"))
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(counter)
                            .addMetrics(gauge)
                            .addMetrics(histogram)))
            .build();

    OtlpBatch batch = mapper.metrics(request);

    assertThat(batch.metrics())
        .extracting(MetricPoint::getName, MetricPoint::getType, MetricPoint::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("requests", MetricType.COUNTER, 7.0),
            org.assertj.core.groups.Tuple.tuple("depth", MetricType.GAUGE, 2.5),
            org.assertj.core.groups.Tuple.tuple("latency", MetricType.HISTOGRAM, 0.5));
    assertThat(batch.metrics().get(0).getAttributes()).containsEntry("route", "/a");
    assertThat(batch.rejected()).as("the gauge point without a value").isEqualTo(1);
  }

  @Test
  void shouldKeepAccessLogsAndIgnoreOtherLogsWhenLogsArrive() {
    LogRecord access =
        LogRecord.newBuilder()
            .setTimeUnixNano(START)
            .setTraceId(
                ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
            .addAttributes(kv("http.request.method", "GET"))
            .addAttributes(kv("http.route", "/items/{id}"))
            .addAttributes(kv("http.response.status_code", 404))
            .addAttributes(kv("duration_ms", 3.5))
            .build();
    LogRecord plain = LogRecord.newBuilder().setBody(str("started")).build();
    LogRecord badStatus =
        access.toBuilder()
            .clearAttributes()
            .addAttributes(kv("http.method", "GET"))
            .addAttributes(kv("http.status_code", "teapot"))
            .build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(resource("edge"))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(access)
                            .addLogRecords(plain)
                            .addLogRecords(badStatus)))
            .build();

    OtlpBatch batch = mapper.logs(request);

    assertThat(batch.requests()).hasSize(1);
    RequestLog log = batch.requests().get(0);
    assertThat(log.getRoute()).isEqualTo("/items/{id}");
    assertThat(log.getPath()).isEqualTo("/items/{id}");
    assertThat(log.getStatus()).isEqualTo(404);
    assertThat(log.getLatencyMs()).isEqualTo(3.5);
    assertThat(log.getTraceId()).isEqualTo("0102030405060708090a0b0c0d0e0f10");
    assertThat(batch.ignored()).isEqualTo(1);
    assertThat(batch.rejected()).isEqualTo(1);
    assertThat(batch.errorMessage("log records")).contains("not stored");
  }

  @Test
  void shouldUseUnknownServiceWhenTheResourceHasNoName() {
    OtlpBatch batch =
        mapper.traces(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                    ResourceSpans.newBuilder()
                        .addScopeSpans(
                            ScopeSpans.newBuilder().addSpans(span(Span.SpanKind.SPAN_KIND_SERVER))))
                .build());

    assertThat(batch.spans().get(0).getService()).isEqualTo(OtlpMapper.UNKNOWN_SERVICE);
    assertThat(batch.requests()).as("a server span without HTTP attributes").isEmpty();
  }

  private static Span.Builder span(Span.SpanKind kind) {
    return Span.newBuilder()
        .setTraceId(
            ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708")))
        .setName("op")
        .setKind(kind)
        .setStartTimeUnixNano(START)
        .setEndTimeUnixNano(START + 250_000_000L);
  }

  private static ExportTraceServiceRequest traces(String service, Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) {
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().setResource(resource(service)).addScopeSpans(scope))
        .build();
  }

  private static Resource resource(String service) {
    return Resource.newBuilder().addAttributes(kv("service.name", service)).build();
  }

  private static AnyValue str(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(str(value)).build();
  }

  private static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static KeyValue kv(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }
}
