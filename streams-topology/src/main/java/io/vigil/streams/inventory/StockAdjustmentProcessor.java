package io.vigil.streams.inventory;

import io.vigil.inventory.StockAdjustment;
import io.vigil.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory participant, per-SKU side: applies stock adjustments (goods received, counts,
 * write-offs) to the available units. Shares the stock store with {@link SkuStockProcessor}, so
 * adjustments and reservations of a SKU are serialized in the same task.
 *
 * <p>Business rule: the available stock never goes below zero; a write-off larger than what is
 * available removes what is available (reserved units belong to orders and are not touched).
 */
public final class StockAdjustmentProcessor
    implements Processor<String, StockAdjustment, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(StockAdjustmentProcessor.class);

  private KeyValueStore<String, Stock> stock;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.stock = context.getStateStore(StoreNames.INVENTORY_STOCK);
  }

  @Override
  public void process(Record<String, StockAdjustment> record) {
    String sku = record.key();
    Stock current = stock.get(sku);
    if (current == null) {
      current = Stock.empty(sku);
    }
    long delta = record.value().getDelta();
    long available = current.available() + delta;
    if (available < 0) {
      LOG.warn(
          "Adjustment {} of {} by {} exceeds the {} available units; available set to 0",
          record.value().getEventId(),
          sku,
          delta,
          current.available());
      available = 0;
    }
    stock.put(sku, new Stock(sku, available, current.reserved()));
  }
}
