package io.vigil.saga.codec;

import static io.vigil.saga.Outcome.failure;
import static io.vigil.saga.Outcome.success;
import static io.vigil.saga.Outcome.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.Decision;
import io.vigil.saga.Outcome;
import io.vigil.saga.SagaEngine;
import io.vigil.saga.SagaInput;
import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderLine;
import io.vigil.saga.order.OrderSaga;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Order saga states reached through the engine, for codec tests. */
final class CodecFixtures {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final OrderData ORDER =
      new OrderData(
          "order-1",
          "customer-7",
          List.of(new OrderLine("sku-1", 2), new OrderLine("sku-ü", 1)),
          new BigDecimal("59.90"),
          "EUR");
  static final SagaEngine<OrderData> ENGINE = new SagaEngine<>(OrderSaga.definition());

  private CodecFixtures() {}

  static SagaState<OrderData> started() {
    return ENGINE.start("order-1", ORDER, T0).state();
  }

  /** RUNNING, in a retry backoff of authorize-payment: timer, applied steps, no awaited reply. */
  static SagaState<OrderData> waitingForRetry() {
    SagaState<OrderData> s = started();
    s = reply(s, "order-1:reserve-inventory:1", success(), 100);
    return reply(s, "order-1:authorize-payment:1", transientFailure("gateway busy"), 300);
  }

  /** FAILED with an incident, a reason, and compensated steps. */
  static SagaState<OrderData> failedWithIncident() {
    SagaState<OrderData> s = started();
    s = reply(s, "order-1:reserve-inventory:1", success(), 100);
    s = reply(s, "order-1:authorize-payment:1", success(), 200);
    s = reply(s, "order-1:confirm-order:1", failure("order deleted"), 300);
    s = reply(s, "order-1:authorize-payment-compensate:1", success(), 400);
    return reply(s, "order-1:reserve-inventory-compensate:1", failure("ledger closed"), 500);
  }

  static SagaState<OrderData> reply(
      SagaState<OrderData> state, String commandId, Outcome outcome, long atMillis) {
    Decision<OrderData> d =
        ENGINE.handle(state, SagaInput.reply(commandId, outcome, T0.plusMillis(atMillis)));
    assertThat(d.ignored()).as("reply to %s", commandId).isEmpty();
    return d.state();
  }
}
