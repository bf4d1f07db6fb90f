package io.vigil.streams.inventory;

import io.vigil.saga.InventoryCommand;
import io.vigil.saga.ReleaseInventory;
import io.vigil.saga.ReserveInventory;
import io.vigil.streams.StoreNames;
import io.vigil.streams.state.KeyValueProcessedCommands;
import io.vigil.streams.state.StoredOutcome;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Inventory participant, per-order side: consumes {@code saga.inventory.commands} (keyed by order)
 * and hands each command to {@link OrderReservations}, which fans it out per SKU.
 */
public final class InventoryCommandProcessor
    implements Processor<String, InventoryCommand, String, InventoryOutput> {

  private ProcessorContext<String, InventoryOutput> context;
  private OrderReservations reservations;

  @Override
  public void init(ProcessorContext<String, InventoryOutput> context) {
    this.context = context;
    this.reservations = InventoryStores.orderReservations(context);
  }

  @Override
  public void process(Record<String, InventoryCommand> record) {
    InventoryCommand command = record.value();
    long now = context.currentSystemTimeMs();
    if (command.getPayload() instanceof ReserveInventory reserve) {
      List<OrderReservation.Line> lines =
          reserve.getLines().stream()
              .map(l -> new OrderReservation.Line(l.getSku(), l.getQuantity()))
              .toList();
      reservations.reserve(record.key(), command.getCommandId(), lines, now);
    } else if (command.getPayload() instanceof ReleaseInventory) {
      // The release gives back what the participant holds for the order, whatever lines it lists.
      reservations.release(record.key(), command.getCommandId(), now);
    }
  }

  /** Store access shared by the two per-order processors. */
  static final class InventoryStores {
    private InventoryStores() {}

    static OrderReservations orderReservations(ProcessorContext<String, InventoryOutput> context) {
      KeyValueStore<String, OrderReservation> store =
          context.getStateStore(StoreNames.INVENTORY_ORDER_RESERVATIONS);
      KeyValueStore<String, StoredOutcome> processed =
          context.getStateStore(StoreNames.INVENTORY_PROCESSED);
      return new OrderReservations(
          store, new KeyValueProcessedCommands(processed), context::forward);
    }
  }
}
