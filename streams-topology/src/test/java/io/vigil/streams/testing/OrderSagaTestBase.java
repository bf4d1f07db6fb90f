package io.vigil.streams.testing;

import io.vigil.common.OrderLine;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.saga.RetryPolicy;
import io.vigil.saga.order.OrderSaga;
import io.vigil.streams.OrderSagaTopology;
import io.vigil.streams.payment.PaymentSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Named instants, settings and event factories shared by the order saga tests (in the manner of
 * flink-training's {@code LongRidesTestBase}).
 */
public abstract class OrderSagaTestBase {

  /** Wall clock at the start of every scenario. */
  protected static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Reply timeout of the test saga. */
  protected static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

  /** Retry backoff of the test saga (first attempt). */
  protected static final Duration BACKOFF = Duration.ofMillis(200);

  protected static final String SKU_A = "sku-a";
  protected static final String SKU_B = "sku-b";
  protected static final String SKU_C = "sku-c";

  /** Saga: 5 s reply timeout, actions tried twice, compensations three times, 200 ms backoff. */
  protected static OrderSaga.Settings sagaSettings() {
    return new OrderSaga.Settings(
        REPLY_TIMEOUT,
        RetryPolicy.exponential(2, BACKOFF, Duration.ofSeconds(1)),
        RetryPolicy.exponential(3, BACKOFF, Duration.ofSeconds(1)));
  }

  /** The topology settings of the tests: the test saga, a gateway approving everything at once. */
  protected static OrderSagaTopology.Settings settings() {
    return OrderSagaTopology.Settings.defaults()
        .withSaga(sagaSettings())
        .withPayment(PaymentSettings.approveAll());
  }

  /** A driver over {@code settings}, its wall clock at {@link #T0}. */
  protected static SagaDriver driver(OrderSagaTopology.Settings settings) {
    return new SagaDriver(settings, T0);
  }

  /** A line of {@code quantity} units of {@code sku} at 2.50 each. */
  protected static OrderLine line(String sku, int quantity) {
    return OrderLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(new BigDecimal("2.50"))
        .build();
  }

  /** OrderPlaced for {@code orderId} with the given lines; the total is their sum. */
  protected static OrderEvent orderPlaced(String orderId, OrderLine... lines) {
    BigDecimal total =
        Arrays.stream(lines)
            .map(l -> l.getUnitPrice().multiply(BigDecimal.valueOf(l.getQuantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2);
    return OrderEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(T0)
        .setOrderId(orderId)
        .setPayload(
            OrderPlaced.newBuilder()
                .setCustomerId("customer-" + orderId)
                .setLines(List.of(lines))
                .setTotal(total)
                .setCurrency("EUR")
                .build())
        .build();
  }

  /** A stock adjustment of {@code delta} units of {@code sku}. */
  protected static StockAdjustment adjustment(String sku, long delta) {
    return StockAdjustment.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(T0)
        .setSku(sku)
        .setDelta(delta)
        .setReason("test stock")
        .build();
  }

  /** Pipes {@code units} of stock for each SKU. */
  protected static void stock(SagaDriver driver, String sku, long units) {
    driver.stockAdjustments.pipeInput(sku, adjustment(sku, units));
  }

  /** Pipes an OrderPlaced. */
  protected static void place(SagaDriver driver, OrderEvent event) {
    driver.orderEvents.pipeInput(event.getOrderId(), event);
  }
}
