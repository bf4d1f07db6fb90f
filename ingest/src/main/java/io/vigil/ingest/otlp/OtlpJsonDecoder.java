package io.vigil.ingest.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.vigil.ingest.avro.JsonPointer;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Decodes the OTLP/HTTP JSON encoding (the protobuf JSON mapping with OTLP's exceptions) into the
 * OTLP protobuf messages, so one mapper serves both encodings. Field names are lowerCamelCase;
 * trace and span ids are hex strings (base64 is tolerated); 64-bit integers may be numbers or
 * strings; enums may be integers or their names. Unknown fields are ignored, as the specification
 * requires. Only what Vigil maps is decoded (resource, scope, spans with status, metric data point
 * values and attributes, log records); span events and links, exemplars and bucket layouts are
 * skipped. An id that is not hex becomes empty, so that the mapper rejects that one item (partial
 * success) rather than the request.
 */
public final class OtlpJsonDecoder {

  private static final HexFormat HEX = HexFormat.of();
  private final ObjectMapper mapper = new ObjectMapper();

  /** Decodes {@code /v1/traces} JSON. */
  public ExportTraceServiceRequest traces(byte[] json) {
    JsonNode root = parse(json);
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    JsonPointer at = JsonPointer.root();
    each(
        root,
        "resourceSpans",
        at,
        (rs, rsAt) -> {
          ResourceSpans.Builder resourceSpans = request.addResourceSpansBuilder();
          resource(rs, rsAt, resourceSpans::setResource);
          each(
              rs,
              "scopeSpans",
              rsAt,
              (ss, ssAt) -> {
                ScopeSpans.Builder scopeSpans = resourceSpans.addScopeSpansBuilder();
                scope(ss, ssAt, scopeSpans::setScope);
                each(ss, "spans", ssAt, (s, sAt) -> span(s, sAt, scopeSpans.addSpansBuilder()));
              });
        });
    return request.build();
  }

  /** Decodes {@code /v1/metrics} JSON. */
  public ExportMetricsServiceRequest metrics(byte[] json) {
    JsonNode root = parse(json);
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    each(
        root,
        "resourceMetrics",
        JsonPointer.root(),
        (rm, rmAt) -> {
          ResourceMetrics.Builder resourceMetrics = request.addResourceMetricsBuilder();
          resource(rm, rmAt, resourceMetrics::setResource);
          each(
              rm,
              "scopeMetrics",
              rmAt,
              (sm, smAt) -> {
                ScopeMetrics.Builder scopeMetrics = resourceMetrics.addScopeMetricsBuilder();
                scope(sm, smAt, scopeMetrics::setScope);
                each(
                    sm,
                    "metrics",
                    smAt,
                    (m, mAt) -> metric(m, mAt, scopeMetrics.addMetricsBuilder()));
              });
        });
    return request.build();
  }

  /** Decodes {@code /v1/logs} JSON. */
  public ExportLogsServiceRequest logs(byte[] json) {
    JsonNode root = parse(json);
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    each(
        root,
        "resourceLogs",
        JsonPointer.root(),
        (rl, rlAt) -> {
          ResourceLogs.Builder resourceLogs = request.addResourceLogsBuilder();
          resource(rl, rlAt, resourceLogs::setResource);
          each(
              rl,
              "scopeLogs",
              rlAt,
              (sl, slAt) -> {
                ScopeLogs.Builder scopeLogs = resourceLogs.addScopeLogsBuilder();
                scope(sl, slAt, scopeLogs::setScope);
                each(
                    sl,
                    "logRecords",
                    slAt,
                    (r, rAt) -> logRecord(r, rAt, scopeLogs.addLogRecordsBuilder()));
              });
        });
    return request.build();
  }

  // --- messages -----------------------------------------------------------------------------

  private void span(JsonNode node, JsonPointer at, Span.Builder span) {
    object(node, at);
    span.setTraceId(id(node, "traceId", at));
    span.setSpanId(id(node, "spanId", at));
    span.setParentSpanId(id(node, "parentSpanId", at));
    span.setTraceState(string(node, "traceState", at));
    span.setFlags((int) uint(node, "flags", at));
    span.setName(string(node, "name", at));
    span.setKindValue(enumValue(node, "kind", at, Span.SpanKind::valueOf));
    span.setStartTimeUnixNano(uint(node, "startTimeUnixNano", at));
    span.setEndTimeUnixNano(uint(node, "endTimeUnixNano", at));
    attributes(node, at, span::addAttributes);
    JsonNode status = node.get("status");
    if (status != null && !status.isNull()) {
      JsonPointer statusAt = at.field("status");
      object(status, statusAt);
      span.setStatus(
          Status.newBuilder()
              .setMessage(string(status, "message", statusAt))
              .setCodeValue(enumValue(status, "code", statusAt, Status.StatusCode::valueOf)));
    }
  }

  private void metric(JsonNode node, JsonPointer at, Metric.Builder metric) {
    object(node, at);
    metric.setName(string(node, "name", at));
    metric.setDescription(string(node, "description", at));
    metric.setUnit(string(node, "unit", at));
    JsonNode gauge = node.get("gauge");
    JsonNode sum = node.get("sum");
    JsonNode histogram = node.get("histogram");
    JsonNode exponential = node.get("exponentialHistogram");
    JsonNode summary = node.get("summary");
    if (present(gauge)) {
      JsonPointer gAt = at.field("gauge");
      object(gauge, gAt);
      Gauge.Builder g = metric.getGaugeBuilder();
      each(gauge, "dataPoints", gAt, (p, pAt) -> numberPoint(p, pAt, g.addDataPointsBuilder()));
    } else if (present(sum)) {
      JsonPointer sAt = at.field("sum");
      object(sum, sAt);
      Sum.Builder s = metric.getSumBuilder();
      s.setIsMonotonic(bool(sum, "isMonotonic", sAt));
      s.setAggregationTemporalityValue(
          enumValue(
              sum,
              "aggregationTemporality",
              sAt,
              io.opentelemetry.proto.metrics.v1.AggregationTemporality::valueOf));
      each(sum, "dataPoints", sAt, (p, pAt) -> numberPoint(p, pAt, s.addDataPointsBuilder()));
    } else if (present(histogram)) {
      JsonPointer hAt = at.field("histogram");
      object(histogram, hAt);
      Histogram.Builder h = metric.getHistogramBuilder();
      each(
          histogram,
          "dataPoints",
          hAt,
          (p, pAt) -> {
            HistogramDataPoint.Builder point = h.addDataPointsBuilder();
            object(p, pAt);
            attributes(p, pAt, point::addAttributes);
            point.setStartTimeUnixNano(uint(p, "startTimeUnixNano", pAt));
            point.setTimeUnixNano(uint(p, "timeUnixNano", pAt));
            point.setCount(uint(p, "count", pAt));
            if (present(p.get("sum"))) {
              point.setSum(number(p, "sum", pAt));
            }
          });
    } else if (present(exponential)) {
      JsonPointer eAt = at.field("exponentialHistogram");
      object(exponential, eAt);
      ExponentialHistogram.Builder e = metric.getExponentialHistogramBuilder();
      each(
          exponential,
          "dataPoints",
          eAt,
          (p, pAt) -> {
            ExponentialHistogramDataPoint.Builder point = e.addDataPointsBuilder();
            object(p, pAt);
            attributes(p, pAt, point::addAttributes);
            point.setStartTimeUnixNano(uint(p, "startTimeUnixNano", pAt));
            point.setTimeUnixNano(uint(p, "timeUnixNano", pAt));
            point.setCount(uint(p, "count", pAt));
            if (present(p.get("sum"))) {
              point.setSum(number(p, "sum", pAt));
            }
          });
    } else if (present(summary)) {
      JsonPointer qAt = at.field("summary");
      object(summary, qAt);
      Summary.Builder q = metric.getSummaryBuilder();
      each(
          summary,
          "dataPoints",
          qAt,
          (p, pAt) -> {
            SummaryDataPoint.Builder point = q.addDataPointsBuilder();
            object(p, pAt);
            attributes(p, pAt, point::addAttributes);
            point.setStartTimeUnixNano(uint(p, "startTimeUnixNano", pAt));
            point.setTimeUnixNano(uint(p, "timeUnixNano", pAt));
            point.setCount(uint(p, "count", pAt));
            point.setSum(number(p, "sum", pAt));
          });
    }
  }

  private void numberPoint(JsonNode node, JsonPointer at, NumberDataPoint.Builder point) {
    object(node, at);
    attributes(node, at, point::addAttributes);
    point.setStartTimeUnixNano(uint(node, "startTimeUnixNano", at));
    point.setTimeUnixNano(uint(node, "timeUnixNano", at));
    if (present(node.get("asDouble"))) {
      point.setAsDouble(number(node, "asDouble", at));
    } else if (present(node.get("asInt"))) {
      point.setAsInt(integer(node, "asInt", at));
    }
  }

  private void logRecord(JsonNode node, JsonPointer at, LogRecord.Builder log) {
    object(node, at);
    log.setTimeUnixNano(uint(node, "timeUnixNano", at));
    log.setObservedTimeUnixNano(uint(node, "observedTimeUnixNano", at));
    log.setSeverityNumberValue(
        enumValue(
            node, "severityNumber", at, io.opentelemetry.proto.logs.v1.SeverityNumber::valueOf));
    log.setSeverityText(string(node, "severityText", at));
    JsonNode body = node.get("body");
    if (present(body)) {
      log.setBody(anyValue(body, at.field("body")));
    }
    attributes(node, at, log::addAttributes);
    log.setFlags((int) uint(node, "flags", at));
    log.setTraceId(id(node, "traceId", at));
    log.setSpanId(id(node, "spanId", at));
    log.setEventName(string(node, "eventName", at));
  }

  private void resource(JsonNode node, JsonPointer at, Consumer<Resource> target) {
    object(node, at);
    JsonNode resource = node.get("resource");
    if (present(resource)) {
      JsonPointer rAt = at.field("resource");
      object(resource, rAt);
      Resource.Builder builder = Resource.newBuilder();
      attributes(resource, rAt, builder::addAttributes);
      target.accept(builder.build());
    }
  }

  private void scope(JsonNode node, JsonPointer at, Consumer<InstrumentationScope> target) {
    object(node, at);
    JsonNode scope = node.get("scope");
    if (present(scope)) {
      JsonPointer sAt = at.field("scope");
      object(scope, sAt);
      InstrumentationScope.Builder builder =
          InstrumentationScope.newBuilder()
              .setName(string(scope, "name", sAt))
              .setVersion(string(scope, "version", sAt));
      attributes(scope, sAt, builder::addAttributes);
      target.accept(builder.build());
    }
  }

  private void attributes(JsonNode node, JsonPointer at, Consumer<KeyValue> target) {
    each(node, "attributes", at, (kv, kvAt) -> target.accept(keyValue(kv, kvAt)));
  }

  private KeyValue keyValue(JsonNode node, JsonPointer at) {
    object(node, at);
    KeyValue.Builder kv = KeyValue.newBuilder().setKey(string(node, "key", at));
    JsonNode value = node.get("value");
    if (present(value)) {
      kv.setValue(anyValue(value, at.field("value")));
    }
    return kv.build();
  }

  private AnyValue anyValue(JsonNode node, JsonPointer at) {
    object(node, at);
    AnyValue.Builder value = AnyValue.newBuilder();
    if (present(node.get("stringValue"))) {
      value.setStringValue(string(node, "stringValue", at));
    } else if (present(node.get("boolValue"))) {
      value.setBoolValue(bool(node, "boolValue", at));
    } else if (present(node.get("intValue"))) {
      value.setIntValue(integer(node, "intValue", at));
    } else if (present(node.get("doubleValue"))) {
      value.setDoubleValue(number(node, "doubleValue", at));
    } else if (present(node.get("bytesValue"))) {
      value.setBytesValue(base64(node, "bytesValue", at));
    } else if (present(node.get("arrayValue"))) {
      JsonNode array = node.get("arrayValue");
      JsonPointer aAt = at.field("arrayValue");
      object(array, aAt);
      ArrayValue.Builder values = ArrayValue.newBuilder();
      each(array, "values", aAt, (v, vAt) -> values.addValues(anyValue(v, vAt)));
      value.setArrayValue(values);
    } else if (present(node.get("kvlistValue"))) {
      JsonNode list = node.get("kvlistValue");
      JsonPointer lAt = at.field("kvlistValue");
      object(list, lAt);
      KeyValueList.Builder values = KeyValueList.newBuilder();
      each(list, "values", lAt, (kv, kvAt) -> values.addValues(keyValue(kv, kvAt)));
      value.setKvlistValue(values);
    }
    return value.build();
  }

  // --- field readers ------------------------------------------------------------------------

  private JsonNode parse(byte[] json) {
    try {
      JsonNode root = mapper.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new OtlpDecodeException(null, "The body is empty; an OTLP JSON object is needed");
      }
      return root;
    } catch (JacksonException e) {
      throw new OtlpDecodeException(null, "Malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new OtlpDecodeException(null, "The JSON body cannot be read");
    }
  }

  private interface Element {
    void accept(JsonNode node, JsonPointer at);
  }

  private static void each(JsonNode parent, String field, JsonPointer at, Element element) {
    object(parent, at);
    JsonNode array = parent.get(field);
    if (!present(array)) {
      return;
    }
    JsonPointer arrayAt = at.field(field);
    if (!array.isArray()) {
      throw new OtlpDecodeException(arrayAt.render(), "expected an array");
    }
    for (int i = 0; i < array.size(); i++) {
      element.accept(array.get(i), arrayAt.index(i));
    }
  }

  private static void object(JsonNode node, JsonPointer at) {
    if (!node.isObject()) {
      throw new OtlpDecodeException(at.render(), "expected an object");
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static String string(JsonNode node, String field, JsonPointer at) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return "";
    }
    if (!value.isTextual()) {
      throw new OtlpDecodeException(at.field(field).render(), "expected a string");
    }
    return value.textValue();
  }

  private static boolean bool(JsonNode node, String field, JsonPointer at) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new OtlpDecodeException(at.field(field).render(), "expected true or false");
    }
    return value.booleanValue();
  }

  /** An unsigned 64-bit integer, as a number or a decimal string. */
  private static long uint(JsonNode node, String field, JsonPointer at) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return 0L;
    }
    try {
      if (value.isTextual()) {
        return Long.parseUnsignedLong(value.textValue().trim());
      }
      if (value.isIntegralNumber()) {
        BigInteger big = value.bigIntegerValue();
        if (big.signum() >= 0 && big.bitLength() <= 64) {
          return big.longValue();
        }
      }
    } catch (NumberFormatException e) {
      throw new OtlpDecodeException(
          at.field(field).render(), "expected an unsigned integer, got '" + text(value) + "'");
    }
    throw new OtlpDecodeException(at.field(field).render(), "expected an unsigned integer");
  }

  /** A signed 64-bit integer, as a number or a decimal string; 0 when absent. */
  private static long integer(JsonNode node, String field, JsonPointer at) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return 0L;
    }
    try {
      if (value.isTextual()) {
        return Long.parseLong(value.textValue().trim());
      }
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        return value.longValue();
      }
    } catch (NumberFormatException e) {
      throw new OtlpDecodeException(
          at.field(field).render(), "expected an integer, got '" + text(value) + "'");
    }
    throw new OtlpDecodeException(at.field(field).render(), "expected an integer");
  }

  /**
   * A double, as a number or one of the protobuf JSON strings (NaN, Infinity, decimals); 0 when
   * absent (proto3's default).
   */
  private static double number(JsonNode node, String field, JsonPointer at) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return 0.0;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        return Double.parseDouble(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw new OtlpDecodeException(
            at.field(field).render(), "expected a number, got '" + text(value) + "'");
      }
    }
    throw new OtlpDecodeException(at.field(field).render(), "expected a number");
  }

  private interface EnumByName {
    Enum<?> valueOf(String name);
  }

  /** An enum as its integer value (OTLP's rule) or, leniently, its name. */
  private static int enumValue(JsonNode node, String field, JsonPointer at, EnumByName byName) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return 0;
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        Enum<?> constant = byName.valueOf(value.textValue());
        if (constant instanceof com.google.protobuf.ProtocolMessageEnum e
            && !constant.name().equals("UNRECOGNIZED")) {
          return e.getNumber();
        }
      } catch (IllegalArgumentException e) {
        throw new OtlpDecodeException(
            at.field(field).render(), "unknown enum value '" + text(value) + "'");
      }
    }
    throw new OtlpDecodeException(at.field(field).render(), "expected an enum number");
  }

  /** A trace or span id: hex (OTLP JSON), base64 tolerated; invalid text gives empty bytes. */
  private static ByteString id(JsonNode node, String field, JsonPointer at) {
    String text = string(node, field, at);
    if (text.isEmpty()) {
      return ByteString.EMPTY;
    }
    if (text.length() % 2 == 0 && text.chars().allMatch(OtlpJsonDecoder::isHex)) {
      return ByteString.copyFrom(HEX.parseHex(text));
    }
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return ByteString.EMPTY;
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static ByteString base64(JsonNode node, String field, JsonPointer at) {
    String text = string(node, field, at);
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new OtlpDecodeException(at.field(field).render(), "expected base64");
    }
  }

  private static String text(JsonNode value) {
    String text = value.asText();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
