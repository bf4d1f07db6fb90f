package io.vigil.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Maps OTLP traces, metrics and logs to Vigil's telemetry records, following the OpenTelemetry
 * semantic conventions with their current and common older attribute names (DESIGN.md, "OTLP
 * mapping"):
 *
 * <ul>
 *   <li>service from the resource's {@code service.name} ({@code unknown_service} when absent),
 *       instance from {@code service.instance.id};
 *   <li>every span becomes a {@link Span}; a SERVER span with an HTTP method ({@code
 *       http.request.method}, older {@code http.method}) is also a {@link RequestLog}: client
 *       address from {@code client.address}, {@code http.client_ip}, the first hop of {@code
 *       http.request.header.x-forwarded-for}, {@code net.peer.ip} or {@code network.peer.address};
 *       route {@code http.route}; path {@code url.path}, {@code http.target} or the path of {@code
 *       url.full}/{@code http.url}; status {@code http.response.status_code} ({@code
 *       http.status_code}); sizes {@code http.request.body.size}/{@code http.response.body.size}
 *       (older {@code http.request_content_length}/{@code http.response_content_length}); user
 *       agent {@code user_agent.original} ({@code http.user_agent}); principal {@code user.id}
 *       ({@code enduser.id}); latency end − start;
 *   <li>a CLIENT or PRODUCER span's callee is {@code peer.service}, else {@code server.address}
 *       ({@code net.peer.name});
 *   <li>every metric data point becomes a {@link MetricPoint} (gauge → GAUGE, monotonic sum →
 *       COUNTER, non-monotonic sum → GAUGE, histograms and summaries → their sum);
 *   <li>a log record with an HTTP method and a status or path is an access log → {@link RequestLog}
 *       (latency from {@code http.server.request.duration} in seconds or {@code duration_ms});
 *       other log records are accepted and not stored.
 * </ul>
 *
 * Event ids are name-based UUIDs of what identifies the item (trace and span id, data point
 * identity and time, log identity), so an exporter's retry produces the same ids and consumers
 * deduplicate it. Items that cannot be mapped (invalid ids, missing times or values) are rejected
 * one by one and counted for {@code partial_success}; the rest of the request is kept.
 */
public final class OtlpMapper {

  /** Service name when the resource has none, as the OpenTelemetry SDKs default it. */
  public static final String UNKNOWN_SERVICE = "unknown_service";

  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_PROBLEMS = 5;

  private final Clock clock;

  /**
   * @param clock source of {@code occurredAt} for spans (their receive time)
   */
  public OtlpMapper(Clock clock) {
    this.clock = clock;
  }

  // --- traces -------------------------------------------------------------------------------

  /** Maps spans (and request logs from HTTP server spans). */
  public OtlpBatch traces(ExportTraceServiceRequest request) {
    Instant received = clock.instant();
    List<Span> spans = new ArrayList<>();
    List<RequestLog> requests = new ArrayList<>();
    Problems problems = new Problems();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Attributes resource = Attributes.of(rs.getResource().getAttributesList());
      String service = service(resource);
      String instance = resource.string("service.instance.id").orElse(null);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
          String problem = validate(s);
          if (problem != null) {
            problems.reject(problem);
            continue;
          }
          Attributes attributes = Attributes.of(s.getAttributesList());
          Span span = span(s, attributes, service, instance, received);
          spans.add(span);
          if (s.getKind() == io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER
              && attributes.has("http.request.method", "http.method")) {
            requests.add(requestFromSpan(s, attributes, span));
          }
        }
      }
    }
    return new OtlpBatch(spans, List.of(), requests, problems.count, 0, problems.reasons());
  }

  private static String validate(io.opentelemetry.proto.trace.v1.Span s) {
    if (!validId(s.getTraceId(), 16)) {
      return "traceId must be 16 bytes (32 hex characters), not all zero";
    }
    if (!validId(s.getSpanId(), 8)) {
      return "spanId must be 8 bytes (16 hex characters), not all zero";
    }
    if (!s.getParentSpanId().isEmpty() && s.getParentSpanId().size() != 8) {
      return "parentSpanId must be empty or 8 bytes";
    }
    if (s.getStartTimeUnixNano() == 0 || s.getEndTimeUnixNano() == 0) {
      return "startTimeUnixNano and endTimeUnixNano are required";
    }
    if (Long.compareUnsigned(s.getEndTimeUnixNano(), s.getStartTimeUnixNano()) < 0) {
      return "endTimeUnixNano is before startTimeUnixNano";
    }
    return null;
  }

  private static boolean validId(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private Span span(
      io.opentelemetry.proto.trace.v1.Span s,
      Attributes attributes,
      String service,
      String instance,
      Instant received) {
    String traceId = HEX.formatHex(s.getTraceId().toByteArray());
    String spanId = HEX.formatHex(s.getSpanId().toByteArray());
    SpanKind kind = kind(s.getKind());
    String peerService = null;
    String peerAddress;
    if (kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER) {
      peerService =
          attributes.string("peer.service", "server.address", "net.peer.name").orElse(null);
      peerAddress = attributes.string("server.address", "net.peer.name").orElse(null);
    } else {
      peerAddress = clientAddress(attributes).orElse(null);
    }
    Status status = s.getStatus();
    return Span.newBuilder()
        .setEventId(eventId("span", traceId, spanId))
        .setOccurredAt(received)
        .setTraceId(traceId)
        .setSpanId(spanId)
        .setParentSpanId(
            s.getParentSpanId().isEmpty() ? null : HEX.formatHex(s.getParentSpanId().toByteArray()))
        .setService(service)
        .setServiceInstance(instance)
        .setName(s.getName())
        .setKind(kind)
        .setStartTime(nanosInstant(s.getStartTimeUnixNano()))
        .setEndTime(nanosInstant(s.getEndTimeUnixNano()))
        .setStatus(status(status.getCode()))
        .setStatusMessage(status.getMessage().isEmpty() ? null : status.getMessage())
        .setPeerService(peerService)
        .setPeerAddress(peerAddress)
        .setAttributes(Map.copyOf(attributes.asStrings()))
        .build();
  }

  private RequestLog requestFromSpan(
      io.opentelemetry.proto.trace.v1.Span s, Attributes attributes, Span span) {
    double latencyMs = (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1_000_000.0;
    return request(
            attributes,
            span.getService(),
            span.getServiceInstance(),
            millisInstant(s.getStartTimeUnixNano()),
            latencyMs,
            span.getTraceId())
        .setEventId(eventId("request", span.getTraceId(), span.getSpanId()))
        .build();
  }

  /** A request log from HTTP attributes; event id left for the caller. */
  private static RequestLog.Builder request(
      Attributes a,
      String service,
      String instance,
      Instant occurredAt,
      double latencyMs,
      String traceId) {
    String method =
        a.string("http.request.method", "http.method").orElse("_OTHER").toUpperCase(Locale.ROOT);
    String route = a.string("http.route").orElse(null);
    return RequestLog.newBuilder()
        .setOccurredAt(occurredAt)
        .setService(service)
        .setServiceInstance(instance)
        .setClientIp(clientAddress(a).orElse(""))
        .setPrincipal(a.string("user.id", "enduser.id").orElse(null))
        .setTokenId(null)
        .setMethod(method)
        .setRoute(route)
        .setPath(path(a).orElse(route == null ? "" : route))
        .setStatus((int) a.integer("http.response.status_code", "http.status_code").orElse(0))
        .setLatencyMs(latencyMs)
        .setBytesIn(
            Math.max(
                0, a.integer("http.request.body.size", "http.request_content_length").orElse(0)))
        .setBytesOut(
            Math.max(
                0, a.integer("http.response.body.size", "http.response_content_length").orElse(0)))
        .setUserAgent(a.string("user_agent.original", "http.user_agent").orElse(null))
        .setTraceId(traceId);
  }

  private static Optional<String> clientAddress(Attributes a) {
    Optional<String> direct = a.string("client.address", "http.client_ip");
    if (direct.isPresent()) {
      return direct;
    }
    Optional<String> forwarded =
        a.first("http.request.header.x-forwarded-for")
            .map(v -> v.split(",", 2)[0].trim())
            .filter(v -> !v.isEmpty());
    if (forwarded.isPresent()) {
      return forwarded;
    }
    return a.string("net.peer.ip", "network.peer.address", "net.sock.peer.addr");
  }

  private static Optional<String> path(Attributes a) {
    Optional<String> path = a.string("url.path");
    if (path.isPresent()) {
      return path;
    }
    Optional<String> target = a.string("http.target").map(t -> t.split("\\?", 2)[0]);
    if (target.isPresent()) {
      return target;
    }
    return a.string("url.full", "http.url").flatMap(OtlpMapper::uriPath);
  }

  private static Optional<String> uriPath(String url) {
    try {
      String path = URI.create(url).getRawPath();
      return path == null || path.isEmpty() ? Optional.empty() : Optional.of(path);
    } catch (IllegalArgumentException e) {
      // Not a URI: no path to report rather than a wrong one.
      return Optional.empty();
    }
  }

  // --- metrics ------------------------------------------------------------------------------

  /** Maps every data point to a {@link MetricPoint}. */
  public OtlpBatch metrics(ExportMetricsServiceRequest request) {
    List<MetricPoint> points = new ArrayList<>();
    Problems problems = new Problems();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      Attributes resource = Attributes.of(rm.getResource().getAttributesList());
      String service = service(resource);
      String instance = resource.string("service.instance.id").orElse(null);
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric metric : sm.getMetricsList()) {
          MetricContext m = new MetricContext(service, instance, metric, points, problems);
          switch (metric.getDataCase()) {
            case GAUGE ->
                metric.getGauge().getDataPointsList().forEach(p -> m.number(p, MetricType.GAUGE));
            case SUM ->
                metric
                    .getSum()
                    .getDataPointsList()
                    .forEach(
                        p ->
                            m.number(
                                p,
                                metric.getSum().getIsMonotonic()
                                    ? MetricType.COUNTER
                                    : MetricType.GAUGE));
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(m::histogram);
            case EXPONENTIAL_HISTOGRAM ->
                metric.getExponentialHistogram().getDataPointsList().forEach(m::exponential);
            case SUMMARY -> metric.getSummary().getDataPointsList().forEach(m::summary);
            case DATA_NOT_SET -> problems.reject("metric " + metric.getName() + " has no data");
          }
        }
      }
    }
    return new OtlpBatch(List.of(), points, List.of(), problems.count, 0, problems.reasons());
  }

  /** One metric's data points being mapped. */
  private record MetricContext(
      String service, String instance, Metric metric, List<MetricPoint> points, Problems problems) {

    void number(NumberDataPoint p, MetricType type) {
      double value;
      switch (p.getValueCase()) {
        case AS_DOUBLE -> value = p.getAsDouble();
        case AS_INT -> value = p.getAsInt();
        default -> {
          problems.reject("data point of " + metric.getName() + " has no value");
          return;
        }
      }
      add(p.getTimeUnixNano(), p.getAttributesList(), type, value);
    }

    void histogram(HistogramDataPoint p) {
      if (!p.hasSum()) {
        problems.reject("histogram point of " + metric.getName() + " has no sum");
        return;
      }
      add(p.getTimeUnixNano(), p.getAttributesList(), MetricType.HISTOGRAM, p.getSum());
    }

    void exponential(ExponentialHistogramDataPoint p) {
      if (!p.hasSum()) {
        problems.reject("histogram point of " + metric.getName() + " has no sum");
        return;
      }
      add(p.getTimeUnixNano(), p.getAttributesList(), MetricType.HISTOGRAM, p.getSum());
    }

    void summary(SummaryDataPoint p) {
      add(p.getTimeUnixNano(), p.getAttributesList(), MetricType.SUMMARY, p.getSum());
    }

    private void add(long timeUnixNano, List<KeyValue> attributes, MetricType type, double value) {
      if (timeUnixNano == 0) {
        problems.reject("data point of " + metric.getName() + " has no timeUnixNano");
        return;
      }
      Map<String, String> attrs = new TreeMap<>(Attributes.of(attributes).asStrings());
      points.add(
          MetricPoint.newBuilder()
              .setEventId(
                  eventId(
                      "metric",
                      service,
                      String.valueOf(instance),
                      metric.getName(),
                      Long.toUnsignedString(timeUnixNano),
                      attrs.toString()))
              .setOccurredAt(millisInstant(timeUnixNano))
              .setService(service)
              .setServiceInstance(instance)
              .setName(metric.getName())
              .setType(type)
              .setValue(value)
              .setUnit(metric.getUnit())
              .setAttributes(Map.copyOf(attrs))
              .build());
    }
  }

  // --- logs ---------------------------------------------------------------------------------

  /** Maps access-log records (HTTP attributes) to {@link RequestLog}s; others are ignored. */
  public OtlpBatch logs(ExportLogsServiceRequest request) {
    List<RequestLog> requests = new ArrayList<>();
    Problems problems = new Problems();
    long ignored = 0;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      Attributes resource = Attributes.of(rl.getResource().getAttributesList());
      String service = service(resource);
      String instance = resource.string("service.instance.id").orElse(null);
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord log : sl.getLogRecordsList()) {
          Attributes a = Attributes.of(log.getAttributesList());
          if (!a.has("http.request.method", "http.method")
              || !a.has(
                  "http.response.status_code",
                  "http.status_code",
                  "url.path",
                  "http.target",
                  "http.route")) {
            ignored++;
            continue;
          }
          OptionalLong status = a.integer("http.response.status_code", "http.status_code");
          if (a.has("http.response.status_code", "http.status_code")
              && (status.isEmpty() || status.getAsLong() < 100 || status.getAsLong() > 999)) {
            problems.reject("access log with a status code that is not an HTTP status");
            continue;
          }
          long nanos =
              log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
          Instant occurredAt = nanos != 0 ? millisInstant(nanos) : clock.instant();
          double latencyMs =
              a.number("http.server.request.duration").stream()
                  .map(s -> s * 1000.0)
                  .findFirst()
                  .orElse(a.number("duration_ms").orElse(0.0));
          String traceId =
              log.getTraceId().size() == 16 ? HEX.formatHex(log.getTraceId().toByteArray()) : null;
          RequestLog.Builder builder =
              request(a, service, instance, occurredAt, latencyMs, traceId);
          builder.setEventId(
              eventId(
                  "log",
                  service,
                  String.valueOf(instance),
                  Long.toUnsignedString(nanos),
                  String.valueOf(traceId),
                  HEX.formatHex(log.getSpanId().toByteArray()),
                  builder.getMethod(),
                  builder.getPath(),
                  Integer.toString(builder.getStatus()),
                  Attributes.render(log.getBody()),
                  new TreeMap<>(a.asStrings()).toString()));
          requests.add(builder.build());
        }
      }
    }
    return new OtlpBatch(
        List.of(), List.of(), requests, problems.count, ignored, problems.reasons());
  }

  // --- shared -------------------------------------------------------------------------------

  private static String service(Attributes resource) {
    return resource.string("service.name").orElse(UNKNOWN_SERVICE);
  }

  private static SpanKind kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> SpanKind.INTERNAL;
      case SPAN_KIND_SERVER -> SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
      default -> SpanKind.UNSPECIFIED;
    };
  }

  private static SpanStatus status(Status.StatusCode code) {
    return switch (code) {
      case STATUS_CODE_OK -> SpanStatus.OK;
      case STATUS_CODE_ERROR -> SpanStatus.ERROR;
      default -> SpanStatus.UNSET;
    };
  }

  /** Nanoseconds since the epoch (unsigned) as an instant, truncated to microseconds. */
  private static Instant nanosInstant(long unixNano) {
    long micros = Long.divideUnsigned(unixNano, 1_000L);
    return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
  }

  private static Instant millisInstant(long unixNano) {
    return Instant.ofEpochMilli(Long.divideUnsigned(unixNano, 1_000_000L));
  }

  /** A name-based (version 3) UUID of the parts, stable across retries of the same item. */
  static String eventId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Rejection count and a few distinct reasons. */
  private static final class Problems {
    long count;
    final Set<String> reasons = new LinkedHashSet<>();

    void reject(String reason) {
      count++;
      if (reasons.size() < MAX_PROBLEMS) {
        reasons.add(reason);
      }
    }

    List<String> reasons() {
      return List.copyOf(reasons);
    }
  }
}
