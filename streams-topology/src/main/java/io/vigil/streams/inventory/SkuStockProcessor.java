package io.vigil.streams.inventory;

import io.vigil.inventory.SkuOperation;
import io.vigil.inventory.SkuRequest;
import io.vigil.streams.StoreNames;
import io.vigil.streams.inventory.SkuReservation.Status;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Inventory participant, per-SKU side: applies reserve and release requests to the SKU's stock and
 * answers each with a {@link SkuResult} keyed by order.
 *
 * <p>Business rules: a reservation takes units only if enough are available (no partial reservation
 * of a line, no negative stock); the ledger entry {@code <sku>|<order>} makes both operations
 * idempotent per (SKU, order) — a repeated reserve answers the recorded result and takes nothing
 * more, a release gives back exactly what was reserved, once; a release that arrives before any
 * reserve blocks a later one. Since one task owns the SKU and handles its requests one by one, no
 * unit is ever reserved twice.
 */
public final class SkuStockProcessor implements Processor<String, SkuRequest, String, SkuResult> {

  private ProcessorContext<String, SkuResult> context;
  private KeyValueStore<String, Stock> stock;
  private KeyValueStore<String, SkuReservation> ledger;

  @Override
  public void init(ProcessorContext<String, SkuResult> context) {
    this.context = context;
    this.stock = context.getStateStore(StoreNames.INVENTORY_STOCK);
    this.ledger = context.getStateStore(StoreNames.INVENTORY_SKU_RESERVATIONS);
  }

  @Override
  public void process(Record<String, SkuRequest> record) {
    SkuRequest request = record.value();
    SkuResult result =
        request.getOperation() == SkuOperation.RESERVE ? reserve(request) : release(request);
    context.forward(new Record<>(request.getOrderId(), result, context.currentSystemTimeMs()));
  }

  private SkuResult reserve(SkuRequest request) {
    String key = SkuReservation.key(request.getSku(), request.getOrderId());
    SkuReservation entry = ledger.get(key);
    if (entry != null) {
      // Already decided for this order: answer the same again, take nothing.
      boolean reserved = entry.status() == Status.RESERVED;
      return result(request, reserved, reserved ? null : refusal(request, entry));
    }
    Stock current = stockOf(request.getSku());
    if (current.available() < request.getQuantity()) {
      ledger.put(
          key,
          new SkuReservation(
              request.getSku(), request.getOrderId(), Status.REJECTED, request.getQuantity(), 0));
      return result(
          request,
          false,
          request.getSku()
              + " (requested "
              + request.getQuantity()
              + ", available "
              + current.available()
              + ")");
    }
    stock.put(
        request.getSku(),
        new Stock(
            request.getSku(),
            current.available() - request.getQuantity(),
            current.reserved() + request.getQuantity()));
    ledger.put(
        key,
        new SkuReservation(
            request.getSku(), request.getOrderId(), Status.RESERVED, request.getQuantity(), 1));
    return result(request, true, null);
  }

  private SkuResult release(SkuRequest request) {
    String key = SkuReservation.key(request.getSku(), request.getOrderId());
    SkuReservation entry = ledger.get(key);
    if (entry == null) {
      // Released before reserved: record it so that a late reserve is refused.
      ledger.put(
          key, new SkuReservation(request.getSku(), request.getOrderId(), Status.RELEASED, 0, 0));
    } else if (entry.status() == Status.RESERVED) {
      Stock current = stockOf(request.getSku());
      stock.put(
          request.getSku(),
          new Stock(
              request.getSku(),
              current.available() + entry.quantity(),
              current.reserved() - entry.quantity()));
      ledger.put(
          key,
          new SkuReservation(
              entry.sku(),
              entry.orderId(),
              Status.RELEASED,
              entry.quantity(),
              entry.timesReserved()));
    }
    return result(request, true, null);
  }

  private Stock stockOf(String sku) {
    Stock current = stock.get(sku);
    return current == null ? Stock.empty(sku) : current;
  }

  private static String refusal(SkuRequest request, SkuReservation entry) {
    return entry.status() == Status.RELEASED
        ? request.getSku() + " (released before it was reserved)"
        : request.getSku() + " (requested " + entry.quantity() + ", not available)";
  }

  private static SkuResult result(SkuRequest request, boolean success, String reason) {
    return new SkuResult(
        request.getOperation(), request.getOrderId(), request.getSku(), success, reason);
  }
}
