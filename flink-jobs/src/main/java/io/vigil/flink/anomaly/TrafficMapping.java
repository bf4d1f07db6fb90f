package io.vigil.flink.anomaly;

import io.vigil.analytics.features.RequestObservation;
import io.vigil.features.TelemetryMapping;
import io.vigil.features.TelemetryMapping.KeyedObservation;
import io.vigil.flink.common.SourceOffset;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.function.Consumer;

/**
 * How telemetry records become per-entity traffic observations in the job: the rules are {@link
 * TelemetryMapping}'s (shared with offline training, so models are trained on the features the job
 * scores); this class only adds the Kafka source offset of each record.
 *
 * <ul>
 *   <li>A gateway access log counts for its serving service, its client ip and its principal, each
 *       when known.
 *   <li>A {@code CLIENT} span with a known callee counts for the edge {@code caller->callee} only.
 * </ul>
 */
public final class TrafficMapping {

  private TrafficMapping() {}

  /** The observation of an access log. */
  public static RequestObservation observe(RequestLog log) {
    return TelemetryMapping.observe(log);
  }

  /** The edge observation of a CLIENT span with a callee, else null. */
  public static RequestObservation observe(Span span) {
    return TelemetryMapping.observe(span);
  }

  /** Emits one observation per entity an access log counts for. */
  public static void fanOut(RequestLog log, SourceOffset from, Consumer<TrafficObservation> out) {
    TelemetryMapping.fanOut(log, o -> out.accept(withOffset(o, from)));
  }

  /** Emits the edge observation of a span, if it is a call. */
  public static void fanOut(Span span, SourceOffset from, Consumer<TrafficObservation> out) {
    TelemetryMapping.fanOut(span, o -> out.accept(withOffset(o, from)));
  }

  private static TrafficObservation withOffset(KeyedObservation o, SourceOffset from) {
    return new TrafficObservation(
        o.entityType(), o.entity(), o.observation(), from.topic(), from.partition(), from.offset());
  }
}
