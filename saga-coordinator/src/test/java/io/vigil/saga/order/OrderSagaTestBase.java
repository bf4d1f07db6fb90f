package io.vigil.saga.order;

import static io.vigil.saga.testing.SagaUnitTestSupport.given;

import io.vigil.saga.testing.SagaScenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named instants, an order fixture and the scenario entry point for order saga tests. */
abstract class OrderSagaTestBase {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Duration REPLY_TIMEOUT = OrderSaga.Settings.defaults().replyTimeout();
  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration SECOND_BACKOFF = Duration.ofMillis(400);

  static final String ORDER_ID = "order-1";
  static final String CUSTOMER_ID = "customer-7";
  static final List<OrderLine> LINES =
      List.of(new OrderLine("sku-1", 2), new OrderLine("sku-2", 1));
  static final BigDecimal AMOUNT = new BigDecimal("59.90");
  static final String CURRENCY = "EUR";

  static OrderData anOrder() {
    return new OrderData(ORDER_ID, CUSTOMER_ID, LINES, AMOUNT, CURRENCY);
  }

  static SagaScenario<OrderData> givenOrderSagaStarted() {
    return given(OrderSaga.definition())
        .withStateCodec(OrderSaga.stateCodec())
        .start(OrderSaga.sagaIdOf(anOrder()), anOrder(), T0);
  }

  static String id(String step, int attempt) {
    return ORDER_ID + ':' + step + ':' + attempt;
  }

  static String compensationId(String step, int attempt) {
    return ORDER_ID + ':' + step + "-compensate:" + attempt;
  }
}
