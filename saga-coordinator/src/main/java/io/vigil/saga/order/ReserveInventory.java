package io.vigil.saga.order;

import java.util.List;
import java.util.Objects;

/**
 * Reserve every line of an order, all or nothing: if any SKU lacks stock, nothing is reserved and
 * the participant fails (non-transient, e.g. "out of stock: sku-1").
 *
 * @param orderId the order
 * @param lines what to reserve
 */
public record ReserveInventory(String orderId, List<OrderLine> lines) implements OrderSagaCommand {
  public ReserveInventory {
    Objects.requireNonNull(orderId, "orderId");
    lines = List.copyOf(lines);
  }
}
