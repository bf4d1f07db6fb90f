package io.vigil.saga.order;

import java.util.List;
import java.util.Objects;

/**
 * Compensation of {@link ReserveInventory}: release what the order reserved. Succeeds when nothing
 * is reserved for the order (nothing to undo).
 *
 * @param orderId the order
 * @param lines what was reserved
 */
public record ReleaseInventory(String orderId, List<OrderLine> lines) implements OrderSagaCommand {
  public ReleaseInventory {
    Objects.requireNonNull(orderId, "orderId");
    lines = List.copyOf(lines);
  }
}
