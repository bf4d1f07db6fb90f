package io.vigil.schemas.testing;

import io.vigil.common.OrderLine;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.saga.Participant;
import io.vigil.saga.ReplyOutcome;
import io.vigil.saga.SagaReply;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Named instants and event factories shared by the tests. */
public final class TestEvents {

  /** A fixed instant events happen at. */
  public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** One minute after {@link #T0}. */
  public static final Instant T1 = T0.plusSeconds(60);

  private TestEvents() {}

  /** An order of two lines totalling 59.97 EUR. */
  public static OrderEvent orderPlaced(String orderId) {
    OrderPlaced placed =
        OrderPlaced.newBuilder()
            .setCustomerId("customer-1")
            .setLines(
                List.of(
                    new OrderLine("sku-1", 2, new BigDecimal("19.99")),
                    new OrderLine("sku-2", 1, new BigDecimal("19.99"))))
            .setTotal(new BigDecimal("59.97"))
            .setCurrency("EUR")
            .build();
    return OrderEvent.newBuilder()
        .setEventId("evt-" + orderId)
        .setOccurredAt(T0)
        .setOrderId(orderId)
        .setPayload(placed)
        .build();
  }

  /** A cancellation of the order. */
  public static OrderEvent orderCancelled(String orderId, String reason) {
    return OrderEvent.newBuilder()
        .setEventId("evt-cancel-" + orderId)
        .setOccurredAt(T1)
        .setOrderId(orderId)
        .setPayload(OrderCancelled.newBuilder().setReason(reason).build())
        .build();
  }

  /** A successful inventory reply. */
  public static SagaReply inventoryReserved(String orderId) {
    return SagaReply.newBuilder()
        .setEventId("reply-" + orderId)
        .setOccurredAt(T0)
        .setCommandId("saga-" + orderId + ":1:0")
        .setSagaId("saga-" + orderId)
        .setOrderId(orderId)
        .setParticipant(Participant.INVENTORY)
        .setOutcome(ReplyOutcome.SUCCESS)
        .build();
  }

  /** A finished CLIENT span from checkout to payment. */
  public static Span clientSpan() {
    return Span.newBuilder()
        .setEventId("span-evt-1")
        .setOccurredAt(T1)
        .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .setSpanId("00f067aa0ba902b7")
        .setService("checkout")
        .setName("POST /payments")
        .setKind(SpanKind.CLIENT)
        .setStartTime(T0)
        .setEndTime(T0.plusMillis(42))
        .setStatus(SpanStatus.OK)
        .setPeerService("payment")
        .setAttributes(Map.of("http.request.method", "POST"))
        .build();
  }
}
