package io.vigil.simulator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.analytics.EntityType;
import io.vigil.common.OrderLine;
import io.vigil.common.ThreatClass;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.Variant;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00.123Z");

  @Test
  void shouldRoundTripUnionsDecimalsAndMicrosWhenWrittenAsPlainJson() {
    OrderEvent placed =
        new OrderEvent(
            "e1",
            T0,
            "ord-1",
            new OrderPlaced(
                "cust-1",
                List.of(new OrderLine("SKU-1", 2, new BigDecimal("10.50"))),
                new BigDecimal("21.00"),
                "EUR"));
    OrderEvent cancelled = new OrderEvent("e2", T0, "ord-1", new OrderCancelled("no stock", null));
    Span span =
        new Span(
            "e3",
            T0,
            "a".repeat(32),
            "b".repeat(16),
            null,
            "gateway",
            "gateway-0",
            "GET /x",
            SpanKind.CLIENT,
            Instant.parse("2026-01-05T12:00:00.000123Z"),
            Instant.parse("2026-01-05T12:00:00.004567Z"),
            SpanStatus.ERROR,
            "HTTP 502",
            "cart",
            "cart:8080",
            Map.of("k", "v"));

    String placedJson = AvroJson.toJson(placed);
    String spanJson = AvroJson.toJson(span);

    assertThat(placedJson)
        .contains("\"payload\":{\"OrderPlaced\":{")
        .contains("\"unitPrice\":\"10.50\"")
        .contains("\"occurredAt\":" + T0.toEpochMilli());
    assertThat(spanJson)
        .contains("\"startTime\":" + (T0.getEpochSecond() * 1_000_000 + 123))
        .contains("\"parentSpanId\":null")
        .contains("\"peerService\":\"cart\"");
    assertThat(AvroJson.read(placedJson, OrderEvent.class)).isEqualTo(placed);
    assertThat(AvroJson.read(AvroJson.toJson(cancelled), OrderEvent.class)).isEqualTo(cancelled);
    assertThat(AvroJson.read(spanJson, Span.class)).isEqualTo(span);
  }

  @Test
  void shouldNameTheFieldWhenJsonDoesNotFitTheSchema() {
    assertThatThrownBy(() -> AvroJson.read("{\"eventId\":\"x\"}", OrderEvent.class))
        .hasMessageContaining("OrderEvent.occurredAt is missing");
    assertThatThrownBy(
            () ->
                AvroJson.read(
                    "{\"eventId\":\"x\",\"occurredAt\":1,\"orderId\":\"o\",\"payload\":{}}",
                    OrderEvent.class))
        .hasMessageContaining("OrderEvent.payload")
        .hasMessageContaining("OrderPlaced");
  }

  @Test
  void shouldRoundTripLabelsWhenWrittenAsJson() {
    GroundTruthLabel label =
        new GroundTruthLabel(
            EntityType.EDGE,
            "a->b",
            ThreatClass.LATERAL_MOVEMENT,
            LabelRole.SOURCE,
            T0,
            T0.plusSeconds(20),
            "lateral",
            Variant.SLOW_AND_LOW);

    String json = LabelJson.toJson(label);

    assertThat(json)
        .isEqualTo(
            "{\"entityType\":\"EDGE\",\"entity\":\"a->b\",\"threatClass\":\"LATERAL_MOVEMENT\","
                + "\"role\":\"SOURCE\",\"start\":1767614400123,\"end\":1767614420123,"
                + "\"scenario\":\"lateral\",\"variant\":\"SLOW_AND_LOW\"}");
    assertThat(LabelJson.parse(json)).isEqualTo(label);
  }
}
