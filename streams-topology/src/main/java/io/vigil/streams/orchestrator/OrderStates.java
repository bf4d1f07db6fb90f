package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderState;
import io.vigil.saga.Incident;
import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderSaga;

/** How a saga's state reads as an order state on {@code orders.status}. */
public final class OrderStates {

  private OrderStates() {}

  /**
   * The order state of a saga: RESERVING while the inventory step runs, AUTHORIZING while the
   * payment step runs (and in the instant between a successful authorization and the in-topology
   * confirmation), then COMPENSATING, COMPLETED, CANCELLED or FAILED.
   */
  public static OrderState of(SagaState<?> saga) {
    return switch (saga.status()) {
      case RUNNING ->
          OrderSaga.RESERVE_INVENTORY.equals(saga.currentStep())
              ? OrderState.RESERVING
              : OrderState.AUTHORIZING;
      case COMPENSATING -> OrderState.COMPENSATING;
      case COMPLETED -> OrderState.COMPLETED;
      case CANCELLED -> OrderState.CANCELLED;
      case FAILED -> OrderState.FAILED;
    };
  }

  /** Why the order is compensating, cancelled or failed (the incident for FAILED), else null. */
  public static String reason(SagaState<?> saga) {
    return saga.incident().map(Incident::summary).orElseGet(() -> saga.reason().orElse(null));
  }
}
