package io.vigil.streams.orchestrator;

import io.vigil.inventory.SkuRequest;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.streams.wire.ParticipantReply;

/** What the orchestrator emits, keyed by order id; the topology routes each kind to its topic. */
public sealed interface SagaOutput
    permits SagaOutput.Inventory,
        SagaOutput.Payment,
        SagaOutput.Status,
        SagaOutput.Event,
        SagaOutput.ToSku,
        SagaOutput.Reply {

  /** To {@code saga.inventory.commands}. */
  record Inventory(InventoryCommand command) implements SagaOutput {}

  /** To {@code saga.payment.commands}. */
  record Payment(PaymentCommand command) implements SagaOutput {}

  /** To {@code orders.status}. */
  record Status(OrderStatus status) implements SagaOutput {}

  /** To {@code orders.events} (OrderConfirmed, OrderCancelled). */
  record Event(OrderEvent event) implements SagaOutput {}

  /** To {@code inventory.sku-requests}, keyed by SKU (in-task participants only). */
  record ToSku(SkuRequest request) implements SagaOutput {}

  /**
   * To {@code saga.replies} (in-task participants only): the reply log of the in-task participants,
   * and the answers to commands that came over the command topics.
   */
  record Reply(ParticipantReply reply) implements SagaOutput {}
}
