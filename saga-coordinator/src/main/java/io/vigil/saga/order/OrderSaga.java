package io.vigil.saga.order;

import io.vigil.saga.RetryPolicy;
import io.vigil.saga.SagaDefinition;
import io.vigil.saga.codec.SagaStateCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * The order saga: reserve the stock of every line, authorize the payment, confirm the order.
 *
 * <pre>
 * reserve-inventory  → inventory  ReserveInventory   compensated by ReleaseInventory
 * authorize-payment  → payment    AuthorizePayment   compensated by VoidPayment
 * confirm-order      → orders     ConfirmOrder       (no compensation)
 * </pre>
 *
 * Business rule: an order is confirmed only with its stock reserved and its payment authorized. Out
 * of stock, a declined payment, or a participant that does not answer in time (after retries)
 * cancel the order with a reason, after releasing and voiding whatever was (possibly) reserved or
 * authorized, in reverse order. The saga id is the order id: one order, one saga.
 */
public final class OrderSaga {

  /** Saga type name. */
  public static final String NAME = "order";

  public static final String RESERVE_INVENTORY = "reserve-inventory";
  public static final String AUTHORIZE_PAYMENT = "authorize-payment";
  public static final String CONFIRM_ORDER = "confirm-order";

  /** Participant owning stock per SKU. */
  public static final String INVENTORY = "inventory";

  /** Participant fronting the payment gateway. */
  public static final String PAYMENT = "payment";

  /** Participant owning the order record (confirmation). */
  public static final String ORDERS = "orders";

  private OrderSaga() {}

  /**
   * Timeouts and retries of the order saga.
   *
   * @param replyTimeout how long each attempt waits for its reply
   * @param actionRetry retry policy of the three actions
   * @param compensationRetry retry policy of the two compensations
   */
  public record Settings(
      Duration replyTimeout, RetryPolicy actionRetry, RetryPolicy compensationRetry) {

    public Settings {
      Objects.requireNonNull(replyTimeout, "replyTimeout");
      Objects.requireNonNull(actionRetry, "actionRetry");
      Objects.requireNonNull(compensationRetry, "compensationRetry");
    }

    /**
     * Reply timeout 5 s; actions: 3 attempts, backoff 200 ms doubling up to 2 s; compensations: 5
     * attempts, backoff 200 ms doubling up to 5 s (a failed compensation needs a human, so it gets
     * more tries).
     */
    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(5),
          RetryPolicy.exponential(3, Duration.ofMillis(200), Duration.ofSeconds(2)),
          RetryPolicy.exponential(5, Duration.ofMillis(200), Duration.ofSeconds(5)));
    }
  }

  /** The order saga with {@link Settings#defaults()}. */
  public static SagaDefinition<OrderData> definition() {
    return definition(Settings.defaults());
  }

  /** The order saga with the given timeouts and retries. */
  public static SagaDefinition<OrderData> definition(Settings settings) {
    return SagaDefinition.<OrderData>builder(NAME)
        .defaultTimeout(settings.replyTimeout())
        .defaultRetry(settings.actionRetry())
        .step(RESERVE_INVENTORY)
        .participant(INVENTORY)
        .invoke(order -> new ReserveInventory(order.orderId(), order.lines()))
        .withCompensation(order -> new ReleaseInventory(order.orderId(), order.lines()))
        .compensationRetry(settings.compensationRetry())
        .step(AUTHORIZE_PAYMENT)
        .participant(PAYMENT)
        .invoke(
            order ->
                new AuthorizePayment(
                    order.orderId(), order.customerId(), order.amount(), order.currency()))
        .withCompensation(
            order ->
                new VoidPayment(
                    order.orderId(), order.customerId(), order.amount(), order.currency()))
        .compensationRetry(settings.compensationRetry())
        .step(CONFIRM_ORDER)
        .participant(ORDERS)
        .invoke(order -> new ConfirmOrder(order.orderId()))
        .build();
  }

  /** The saga id of an order's saga: its order id. */
  public static String sagaIdOf(OrderData order) {
    return order.orderId();
  }

  /** Codec for order saga states, for the saga store. */
  public static SagaStateCodec<OrderData> stateCodec() {
    return new SagaStateCodec<>(new OrderDataCodec());
  }
}
