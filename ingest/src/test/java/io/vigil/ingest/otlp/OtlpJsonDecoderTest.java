package io.vigil.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpJsonDecoderTest {

  private final OtlpJsonDecoder decoder = new OtlpJsonDecoder();

  @Test
  void shouldDecodeHexIdsStringIntegersAndEnumsWhenGivenOtlpJson() {
    String json =
        """
        {"resourceSpans": [{"unknownField": true,
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "a"}}]},
          "scopeSpans": [{"spans": [{
            "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "eee19b7ec3c1b174",
            "name": "x", "kind": "SPAN_KIND_SERVER",
            "startTimeUnixNano": "18446744073709551615", "endTimeUnixNano": 2,
            "attributes": [{"key": "n", "value": {"intValue": "-5"}},
                           {"key": "d", "value": {"doubleValue": "Infinity"}}],
            "status": {"code": 2}}]}]}]}
        """;

    ExportTraceServiceRequest request = decoder.traces(json.getBytes(StandardCharsets.UTF_8));

    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray()))
        .isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(-1L); // 2^64-1 unsigned
    assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(-5);
    assertThat(span.getAttributes(1).getValue().getDoubleValue()).isInfinite();
    assertThat(span.getStatus().getCode().getNumber()).isEqualTo(2);
  }

  @Test
  void shouldNameThePathWhenTheShapeIsWrong() {
    assertThatThrownBy(
            () ->
                decoder.metrics(
                    "{\"resourceMetrics\": [{\"scopeMetrics\": [{\"metrics\": [{\"name\": 5}]}]}]}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            OtlpDecodeException.class,
            e ->
                assertThat(e.path())
                    .isEqualTo("$.resourceMetrics[0].scopeMetrics[0].metrics[0].name"));
    assertThatThrownBy(() -> decoder.logs("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpDecodeException.class);
    assertThatThrownBy(() -> decoder.logs("{\"x\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessageContaining("Malformed JSON");
  }

  @Test
  void shouldLeaveAnIdEmptyWhenItIsNotHexSoThatTheMapperRejectsOnlyThatItem() {
    ExportTraceServiceRequest request =
        decoder.traces(
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz!\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getTraceId().isEmpty())
        .isTrue();
  }
}
