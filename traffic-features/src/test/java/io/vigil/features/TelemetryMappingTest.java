package io.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.EntityType;
import io.vigil.features.TelemetryMapping.KeyedObservation;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping rules (moved here from flink-jobs' TrafficMappingTest, minus source offsets). */
class TelemetryMappingTest {

  /** 2026-01-01T00:00:00Z: a window-aligned start. */
  static final long T0 = 1_767_225_600_000L;

  @Test
  void shouldCountRequestForServiceIpAndPrincipalWhenAllAreKnown() {
    // Given
    RequestLog log = request("alice", null);

    // When
    List<KeyedObservation> out = new ArrayList<>();
    TelemetryMapping.fanOut(log, out::add);

    // Then
    assertThat(out)
        .extracting(KeyedObservation::key)
        .containsExactly("SERVICE|checkout", "CLIENT_IP|203.0.113.9", "PRINCIPAL|alice");
    assertThat(out.get(0).observation().timestampMillis()).isEqualTo(T0 + 5);
    assertThat(out.get(0).observation().route()).isEqualTo("/orders/{id}");
  }

  @Test
  void shouldUseTokenAsPrincipalWhenNoUserIsKnown() {
    List<KeyedObservation> out = new ArrayList<>();
    TelemetryMapping.fanOut(request(null, "key-7"), out::add);
    assertThat(out).extracting(KeyedObservation::key).contains("PRINCIPAL|key-7");
  }

  @Test
  void shouldSkipPrincipalWhenRequestIsAnonymous() {
    List<KeyedObservation> out = new ArrayList<>();
    TelemetryMapping.fanOut(request(null, null), out::add);
    assertThat(out).extracting(KeyedObservation::entityType).doesNotContain(EntityType.PRINCIPAL);
  }

  @Test
  void shouldUsePathAsRouteWhenNoTemplateIsKnown() {
    RequestLog log = request("alice", null);
    log.setRoute(null);
    assertThat(TelemetryMapping.observe(log).route()).isEqualTo("/orders/17");
  }

  @Test
  void shouldCountCallOnEdgeOnlyWhenSpanIsClientCall() {
    // Given
    Span span = span(SpanKind.CLIENT, "payments", SpanStatus.ERROR, Map.of());

    // When
    List<KeyedObservation> out = new ArrayList<>();
    TelemetryMapping.fanOut(span, out::add);

    // Then
    assertThat(out)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.key()).isEqualTo("EDGE|checkout->payments");
              assertThat(o.observation().status()).isEqualTo(500);
              assertThat(o.observation().latencyMs()).isEqualTo(12.5);
              assertThat(o.observation().timestampMillis()).isEqualTo(T0);
            });
  }

  @Test
  void shouldTakeHttpStatusFromAttributesWhenPresent() {
    Span span =
        span(
            SpanKind.CLIENT,
            "payments",
            SpanStatus.UNSET,
            Map.of("http.response.status_code", "403"));
    assertThat(TelemetryMapping.observe(span).status()).isEqualTo(403);
  }

  @Test
  void shouldFallBackToOkStatusWhenAttributeIsNotANumber() {
    Span span = span(SpanKind.CLIENT, "payments", SpanStatus.OK, Map.of("http.status_code", "n/a"));
    assertThat(TelemetryMapping.observe(span).status()).isEqualTo(200);
  }

  @Test
  void shouldIgnoreSpanWhenItIsNotAClientCall() {
    List<KeyedObservation> out = new ArrayList<>();
    TelemetryMapping.fanOut(span(SpanKind.SERVER, "payments", SpanStatus.OK, Map.of()), out::add);
    TelemetryMapping.fanOut(span(SpanKind.CLIENT, null, SpanStatus.OK, Map.of()), out::add);
    assertThat(out).isEmpty();
  }

  static RequestLog request(String principal, String token) {
    return RequestLog.newBuilder()
        .setEventId("e-1")
        .setOccurredAt(Instant.ofEpochMilli(T0 + 5))
        .setService("checkout")
        .setClientIp("203.0.113.9")
        .setPrincipal(principal)
        .setTokenId(token)
        .setMethod("GET")
        .setRoute("/orders/{id}")
        .setPath("/orders/17")
        .setStatus(200)
        .setLatencyMs(8.0)
        .setBytesOut(1_200)
        .build();
  }

  static Span span(SpanKind kind, String peer, SpanStatus status, Map<String, String> attrs) {
    return Span.newBuilder()
        .setEventId("s-1")
        .setOccurredAt(Instant.ofEpochMilli(T0 + 100))
        .setTraceId("0af7651916cd43dd8448eb211c80319c")
        .setSpanId("b7ad6b7169203331")
        .setService("checkout")
        .setName("POST /payments")
        .setKind(kind)
        .setStartTime(Instant.ofEpochMilli(T0))
        .setEndTime(Instant.ofEpochMilli(T0).plusNanos(12_500_000))
        .setStatus(status)
        .setPeerService(peer)
        .setAttributes(attrs)
        .build();
  }
}
