package io.vigil.streams.inventory;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Inventory participant, per-order side: consumes the per-SKU results (repartitioned by order) and
 * completes the order's reservation or release in {@link OrderReservations}. Shares its stores with
 * {@link InventoryCommandProcessor}, so both run in the same task per order partition.
 */
public final class InventoryResultProcessor
    implements Processor<String, SkuResult, String, InventoryOutput> {

  private ProcessorContext<String, InventoryOutput> context;
  private InventoryParticipant participant;

  @Override
  public void init(ProcessorContext<String, InventoryOutput> context) {
    this.context = context;
    this.participant = new InventoryParticipant(context, context::forward);
  }

  @Override
  public void process(Record<String, SkuResult> record) {
    participant.result(record.value(), context.currentSystemTimeMs());
  }
}
