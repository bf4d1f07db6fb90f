package io.vigil.streams.inventory;

import io.vigil.saga.InventoryCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Inventory participant, per-order side: consumes {@code saga.inventory.commands} (keyed by order)
 * and hands each command to {@link OrderReservations}, which fans it out per SKU.
 */
public final class InventoryCommandProcessor
    implements Processor<String, InventoryCommand, String, InventoryOutput> {

  private ProcessorContext<String, InventoryOutput> context;
  private InventoryParticipant participant;

  @Override
  public void init(ProcessorContext<String, InventoryOutput> context) {
    this.context = context;
    this.participant = new InventoryParticipant(context, context::forward);
  }

  @Override
  public void process(Record<String, InventoryCommand> record) {
    participant.handle(record.key(), record.value(), context.currentSystemTimeMs());
  }
}
