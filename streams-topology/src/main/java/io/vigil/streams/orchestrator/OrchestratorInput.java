package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderEvent;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.streams.inventory.SkuResult;
import io.vigil.streams.wire.ParticipantReply;

/**
 * What the orchestrator consumes, keyed by order id: order events and participant replies; with
 * in-task participants also commands sent to them over their topics and the per-SKU inventory
 * results.
 */
public sealed interface OrchestratorInput
    permits OrchestratorInput.Event,
        OrchestratorInput.Reply,
        OrchestratorInput.InventoryCommandIn,
        OrchestratorInput.PaymentCommandIn,
        OrchestratorInput.SkuResultIn {

  /** A record of {@code orders.events}. */
  record Event(OrderEvent event) implements OrchestratorInput {}

  /** A record of {@code saga.replies}. */
  record Reply(ParticipantReply reply) implements OrchestratorInput {}

  /** A record of {@code saga.inventory.commands} (in-task participants only). */
  record InventoryCommandIn(InventoryCommand command) implements OrchestratorInput {}

  /** A record of {@code saga.payment.commands} (in-task participants only). */
  record PaymentCommandIn(PaymentCommand command) implements OrchestratorInput {}

  /** A per-SKU inventory result, repartitioned by order (in-task participants only). */
  record SkuResultIn(SkuResult result) implements OrchestratorInput {}
}
