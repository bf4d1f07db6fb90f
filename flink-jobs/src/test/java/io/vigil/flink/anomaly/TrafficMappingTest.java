package io.vigil.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.EntityType;
import io.vigil.flink.common.SourceOffset;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficMappingTest extends TrafficTestBase {

  private static final SourceOffset FROM = new SourceOffset("telemetry.requests", 2, 42);

  @Test
  void shouldCountRequestForServiceIpAndPrincipalWhenAllAreKnown() {
    // Given
    RequestLog log = request("alice", null);

    // When
    List<TrafficObservation> out = new ArrayList<>();
    TrafficMapping.fanOut(log, FROM, out::add);

    // Then
    assertThat(out)
        .extracting(TrafficObservation::key)
        .containsExactly("SERVICE|checkout", "CLIENT_IP|203.0.113.9", "PRINCIPAL|alice");
    assertThat(out.get(0).observation().timestampMillis()).isEqualTo(T0 + 5);
    assertThat(out.get(0).observation().route()).isEqualTo("/orders/{id}");
    assertThat(out.get(0).sourceOffset()).isEqualTo(42);
  }

  @Test
  void shouldUseTokenAsPrincipalWhenNoUserIsKnown() {
    List<TrafficObservation> out = new ArrayList<>();
    TrafficMapping.fanOut(request(null, "key-7"), FROM, out::add);
    assertThat(out).extracting(TrafficObservation::key).contains("PRINCIPAL|key-7");
  }

  @Test
  void shouldSkipPrincipalWhenRequestIsAnonymous() {
    List<TrafficObservation> out = new ArrayList<>();
    TrafficMapping.fanOut(request(null, null), FROM, out::add);
    assertThat(out).extracting(TrafficObservation::entityType).doesNotContain(EntityType.PRINCIPAL);
  }

  @Test
  void shouldCountCallOnEdgeOnlyWhenSpanIsClientCall() {
    // Given
    Span span = span(SpanKind.CLIENT, "payments", SpanStatus.ERROR, Map.of());

    // When
    List<TrafficObservation> out = new ArrayList<>();
    TrafficMapping.fanOut(span, FROM, out::add);

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
    assertThat(TrafficMapping.observe(span).status()).isEqualTo(403);
  }

  @Test
  void shouldIgnoreSpanWhenItIsNotAClientCall() {
    List<TrafficObservation> out = new ArrayList<>();
    TrafficMapping.fanOut(
        span(SpanKind.SERVER, "payments", SpanStatus.OK, Map.of()), FROM, out::add);
    TrafficMapping.fanOut(span(SpanKind.CLIENT, null, SpanStatus.OK, Map.of()), FROM, out::add);
    assertThat(out).isEmpty();
  }

  private static RequestLog request(String principal, String token) {
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

  private static Span span(
      SpanKind kind, String peer, SpanStatus status, Map<String, String> attrs) {
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
