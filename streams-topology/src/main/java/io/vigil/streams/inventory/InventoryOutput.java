package io.vigil.streams.inventory;

import io.vigil.inventory.SkuRequest;
import io.vigil.streams.wire.ParticipantReply;

/** What the per-order side of the inventory participant emits; routed by the topology. */
public sealed interface InventoryOutput permits InventoryOutput.ToSku, InventoryOutput.Reply {

  /** A per-SKU request, keyed by SKU (to {@code inventory.sku-requests}). */
  record ToSku(SkuRequest request) implements InventoryOutput {}

  /** The participant's reply to the saga, keyed by order id (to {@code saga.replies}). */
  record Reply(ParticipantReply reply) implements InventoryOutput {}
}
