package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;

/** What the orchestrator emits, keyed by order id; the topology routes each kind to its topic. */
public sealed interface SagaOutput
    permits SagaOutput.Inventory, SagaOutput.Payment, SagaOutput.Status, SagaOutput.Event {

  /** To {@code saga.inventory.commands}. */
  record Inventory(InventoryCommand command) implements SagaOutput {}

  /** To {@code saga.payment.commands}. */
  record Payment(PaymentCommand command) implements SagaOutput {}

  /** To {@code orders.status}. */
  record Status(OrderStatus status) implements SagaOutput {}

  /** To {@code orders.events} (OrderConfirmed, OrderCancelled). */
  record Event(OrderEvent event) implements SagaOutput {}
}
