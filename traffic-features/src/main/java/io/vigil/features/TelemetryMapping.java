package io.vigil.features;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.RequestObservation;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How telemetry records become per-entity traffic observations: the one mapping shared by the
 * anomaly job (flink-jobs' {@code TrafficMapping}) and offline training ({@link OfflineWindows},
 * {@link ModelTrainingPipeline}), so a model is trained on the very features it scores.
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
public final class TelemetryMapping {

  /** Entity types an access log counts for, in emission order. */
  public static final List<EntityType> REQUEST_ENTITY_TYPES =
      List.of(EntityType.SERVICE, EntityType.CLIENT_IP, EntityType.PRINCIPAL);

  /** Entity types a call span counts for. */
  public static final List<EntityType> SPAN_ENTITY_TYPES = List.of(EntityType.EDGE);

  private static final String STATUS_ATTR = "http.response.status_code";
  private static final String OLD_STATUS_ATTR = "http.status_code";
  private static final String RESPONSE_SIZE_ATTR = "http.response.body.size";
  private static final String REQUEST_SIZE_ATTR = "http.request.body.size";

  private TelemetryMapping() {}

  /**
   * One observation counted for one entity.
   *
   * @param entityType kind of entity
   * @param entity entity id ({@link EntityType#keyOf})
   * @param observation the request or call
   */
  public record KeyedObservation(
      EntityType entityType, String entity, RequestObservation observation) {

    /** The job's window key, {@code TYPE|entity}. */
    public String key() {
      return entityType.name() + "|" + entity;
    }
  }

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

  /** Emits one keyed observation per entity an access log counts for. */
  public static void fanOut(RequestLog log, Consumer<KeyedObservation> out) {
    emit(REQUEST_ENTITY_TYPES, observe(log), out);
  }

  /** Emits the edge observation of a span, if it is a call. */
  public static void fanOut(Span span, Consumer<KeyedObservation> out) {
    RequestObservation o = observe(span);
    if (o != null) {
      emit(SPAN_ENTITY_TYPES, o, out);
    }
  }

  private static void emit(
      List<EntityType> types, RequestObservation o, Consumer<KeyedObservation> out) {
    for (EntityType type : types) {
      String key = type.keyOf(o);
      if (key != null) {
        out.accept(new KeyedObservation(type, key, o));
      }
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
