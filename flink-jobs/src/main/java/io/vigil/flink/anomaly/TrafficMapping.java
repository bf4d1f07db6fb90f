package io.vigil.flink.anomaly;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.RequestObservation;
import io.vigil.flink.common.SourceOffset;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How telemetry records become per-entity traffic observations.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A gateway access log ({@code RequestLog}) counts for its serving service, its client ip and
 *       its principal (the authenticated user, else the credential id), each when known. Its route
 *       is the route template, else the raw path.
 *   <li>A {@code CLIENT} span with a known callee ({@code peerService}, else {@code peerAddress})
 *       is one call on the edge {@code caller->callee} and counts for that edge only: the callee's
 *       served requests already arrive as access logs, so counting them again would double its
 *       rate. Its event time is the span start; its status is the {@code http.response.status_code}
 *       attribute, else 500 for an {@code ERROR} span and 200 otherwise. Other spans are ignored.
 * </ul>
 */
public final class TrafficMapping {

  private static final String STATUS_ATTR = "http.response.status_code";
  private static final String OLD_STATUS_ATTR = "http.status_code";
  private static final String RESPONSE_SIZE_ATTR = "http.response.body.size";
  private static final String REQUEST_SIZE_ATTR = "http.request.body.size";

  private TrafficMapping() {}

  /** The observation of an access log. */
  public static RequestObservation observe(RequestLog log) {
    String principal = log.getPrincipal() != null ? log.getPrincipal() : log.getTokenId();
    String route = log.getRoute() != null ? log.getRoute() : log.getPath();
    return new RequestObservation(
        log.getOccurredAt().toEpochMilli(),
        log.getService(),
        log.getClientIp(),
        principal,
        route,
        log.getStatus(),
        log.getLatencyMs(),
        log.getBytesIn(),
        log.getBytesOut(),
        null,
        null);
  }

  /** The edge observation of a CLIENT span with a callee, else null. */
  public static RequestObservation observe(Span span) {
    if (span.getKind() != SpanKind.CLIENT) {
      return null;
    }
    String callee = span.getPeerService() != null ? span.getPeerService() : span.getPeerAddress();
    if (callee == null || callee.isBlank()) {
      return null;
    }
    Map<String, String> attrs = span.getAttributes();
    int status = (int) number(attrs, STATUS_ATTR, number(attrs, OLD_STATUS_ATTR, Double.NaN));
    if (status <= 0) {
      status = span.getStatus() == SpanStatus.ERROR ? 500 : 200;
    }
    long startMicros =
        span.getStartTime().getEpochSecond() * 1_000_000L + span.getStartTime().getNano() / 1_000;
    long endMicros =
        span.getEndTime().getEpochSecond() * 1_000_000L + span.getEndTime().getNano() / 1_000;
    return new RequestObservation(
        startMicros / 1_000,
        callee,
        null,
        null,
        span.getName(),
        status,
        (endMicros - startMicros) / 1_000.0,
        (long) number(attrs, REQUEST_SIZE_ATTR, 0),
        (long) number(attrs, RESPONSE_SIZE_ATTR, 0),
        span.getService(),
        callee);
  }

  /** Emits one observation per entity an access log counts for. */
  public static void fanOut(RequestLog log, SourceOffset from, Consumer<TrafficObservation> out) {
    RequestObservation o = observe(log);
    emit(EntityType.SERVICE, o, from, out);
    emit(EntityType.CLIENT_IP, o, from, out);
    emit(EntityType.PRINCIPAL, o, from, out);
  }

  /** Emits the edge observation of a span, if it is a call. */
  public static void fanOut(Span span, SourceOffset from, Consumer<TrafficObservation> out) {
    RequestObservation o = observe(span);
    if (o != null) {
      emit(EntityType.EDGE, o, from, out);
    }
  }

  private static void emit(
      EntityType type, RequestObservation o, SourceOffset from, Consumer<TrafficObservation> out) {
    String key = type.keyOf(o);
    if (key != null) {
      out.accept(
          new TrafficObservation(type, key, o, from.topic(), from.partition(), from.offset()));
    }
  }

  private static double number(Map<String, String> attrs, String key, double fallback) {
    String v = attrs == null ? null : attrs.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
