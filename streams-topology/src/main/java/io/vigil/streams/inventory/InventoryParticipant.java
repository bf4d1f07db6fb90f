package io.vigil.streams.inventory;

import io.vigil.saga.InventoryCommand;
import io.vigil.saga.ReleaseInventory;
import io.vigil.saga.ReserveInventory;
import io.vigil.streams.StoreNames;
import io.vigil.streams.state.KeyValueProcessedCommands;
import io.vigil.streams.state.StoredOutcome;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-order side of the inventory participant as a component: inventory commands and per-SKU
 * results in, per-SKU requests and replies out through a callback ({@link OrderReservations} holds
 * the rules). Run by {@link InventoryCommandProcessor} and {@link InventoryResultProcessor}, or in
 * the orchestrator's task; either way over the task's {@link
 * StoreNames#INVENTORY_ORDER_RESERVATIONS} and {@link StoreNames#INVENTORY_PROCESSED}.
 */
public final class InventoryParticipant {

  private final OrderReservations reservations;

  public InventoryParticipant(
      ProcessorContext<?, ?> context, Consumer<Record<String, InventoryOutput>> out) {
    KeyValueStore<String, OrderReservation> store =
        context.getStateStore(StoreNames.INVENTORY_ORDER_RESERVATIONS);
    KeyValueStore<String, StoredOutcome> processed =
        context.getStateStore(StoreNames.INVENTORY_PROCESSED);
    this.reservations = new OrderReservations(store, new KeyValueProcessedCommands(processed), out);
  }

  /** Handles a ReserveInventory or ReleaseInventory for {@code orderId}. */
  public void handle(String orderId, InventoryCommand command, long now) {
    if (command.getPayload() instanceof ReserveInventory reserve) {
      List<OrderReservation.Line> lines =
          reserve.getLines().stream()
              .map(l -> new OrderReservation.Line(l.getSku(), l.getQuantity()))
              .toList();
      reservations.reserve(orderId, command.getCommandId(), lines, now);
    } else if (command.getPayload() instanceof ReleaseInventory) {
      // The release gives back what the participant holds for the order, whatever lines it lists.
      reservations.release(orderId, command.getCommandId(), now);
    }
  }

  /** A per-SKU result for one of the orders of this task. */
  public void result(SkuResult result, long now) {
    reservations.result(result, now);
  }
}
